import { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Request } from 'express';
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
  /** The HTTP request, if any: audit events of writes name its actor and origin. */
  request?: Request;
};

/**
 * The postmortem registry: rules, catalog look-ups, permission decisions and audit
 * events. Errors are typed (`InputError`, `NotAllowedError`, `NotFoundError`,
 * `ConflictError` from `@backstage/errors`).
 *
 * Reads show a postmortem only when the caller can see, in the catalog, every entity
 * it names (affected entities and their owners, impacted SLOs, action item owners)
 * and `sre.postmortem.read` allows it; any other postmortem does not exist for them
 * (NotFoundError, absent from lists and counts).
 *
 * @public
 */
export interface PostmortemService {
  /**
   * Validates (the body may be untrusted JSON) and stores a new postmortem. Needs
   * `sre.postmortem.create` for the postmortem as it would be stored, for users and
   * service principals alike.
   */
  create(
    request: CreatePostmortemRequest,
    options: PostmortemRequestOptions,
  ): Promise<Postmortem>;

  /** Throws NotFoundError for an unknown id. */
  get(id: string, options: PostmortemRequestOptions): Promise<Postmortem>;

  /**
   * Replaces a postmortem based on `request.version` (ConflictError when stale). Needs
   * `sre.postmortem.update` for this postmortem, before and after the edit, for users
   * and service principals alike.
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

  /**
   * Every change, newest first, with old and new values where recorded. Throws
   * NotFoundError for an unknown id.
   */
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
