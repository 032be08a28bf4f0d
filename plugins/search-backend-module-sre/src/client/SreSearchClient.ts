import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { entityPathParams } from '../locations';
import { GetRunbooksResponse, ListPostmortemsResponse } from './types';

/** @internal */
export interface SreSearchClientOptions {
  auth: AuthService;
  discovery: DiscoveryService;
}

/** @internal */
export interface ListPostmortemsRequest {
  status: string;
  limit: number;
  offset: number;
}

/**
 * Reads postmortems and runbooks from the `sre` backend plugin with the search
 * plugin's own service credentials.
 *
 * @internal
 */
export class SreSearchClient {
  private readonly auth: AuthService;
  private readonly discovery: DiscoveryService;

  static create(options: SreSearchClientOptions): SreSearchClient {
    return new SreSearchClient(options);
  }

  private constructor(options: SreSearchClientOptions) {
    this.auth = options.auth;
    this.discovery = options.discovery;
  }

  async listPostmortems(
    request: ListPostmortemsRequest,
  ): Promise<ListPostmortemsResponse> {
    const query = new URLSearchParams({
      status: request.status,
      limit: String(request.limit),
      offset: String(request.offset),
    });
    return this.get<ListPostmortemsResponse>(`/postmortems?${query}`);
  }

  /** Throws a `ResponseError` with status 404 for an entity the backend does not know. */
  async getRunbooks(entity: CompoundEntityRef): Promise<GetRunbooksResponse> {
    const { kind, namespace, name } = entityPathParams(entity);
    return this.get<GetRunbooksResponse>(
      `/runbooks/${kind}/${namespace}/${name}`,
    );
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discovery.getBaseUrl('sre');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'sre',
    });
    const response = await fetch(`${baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
