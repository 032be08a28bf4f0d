import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CreatePostmortemRequest,
  ListActionItemsRequest,
  ListActionItemsResponse,
  ListPostmortemsRequest,
  ListPostmortemsResponse,
  ListRequiredPostmortemsResponse,
  Postmortem,
  PostmortemHistoryResponse,
  UpdatePostmortemRequest,
} from '@sre-catalog/backstage-plugin-sre-common';

/** @public The caller of a postmortem operation. */
export type PostmortemRequestOptions = {
  credentials: BackstageCredentials;
};

/**
 * The postmortem registry: rules, catalog look-ups and permission decisions.
 * Errors are typed (`InputError`, `NotAllowedError`, `NotFoundError`,
 * `ConflictError` from `@backstage/errors`).
 *
 * @public
 */
export interface PostmortemService {
  /**
   * Validates (the body may be untrusted JSON) and stores a new postmortem. Users need
   * `sre.postmortem.create`; service principals may always write.
   */
  create(
    request: CreatePostmortemRequest,
    options: PostmortemRequestOptions,
  ): Promise<Postmortem>;

  /** Throws NotFoundError for an unknown id. */
  get(id: string, options: PostmortemRequestOptions): Promise<Postmortem>;

  /**
   * Replaces a postmortem based on `request.version` (ConflictError when stale). Users
   * need `sre.postmortem.update` for this postmortem, before and after the edit.
   */
  update(
    id: string,
    request: UpdatePostmortemRequest,
    options: PostmortemRequestOptions,
  ): Promise<Postmortem>;

  list(
    request: ListPostmortemsRequest,
    options: PostmortemRequestOptions,
  ): Promise<ListPostmortemsResponse>;

  /** Every change, newest first. Throws NotFoundError for an unknown id. */
  getHistory(
    id: string,
    options: PostmortemRequestOptions,
  ): Promise<PostmortemHistoryResponse>;

  listActionItems(
    request: ListActionItemsRequest,
    options: PostmortemRequestOptions,
  ): Promise<ListActionItemsResponse>;

  /** Incidents the error budget policy requires a postmortem (with a P0 item) for. */
  listRequired(
    request: { limit?: number; offset?: number },
    options: PostmortemRequestOptions,
  ): Promise<ListRequiredPostmortemsResponse>;
}
