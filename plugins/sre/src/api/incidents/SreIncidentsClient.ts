import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  CreatePostmortemRequest,
  EntityRunbooksResponse,
  ListActionItemsRequest,
  ListActionItemsResponse,
  ListPostmortemsRequest,
  ListPostmortemsResponse,
  ListRequiredPostmortemsResponse,
  Postmortem,
  PostmortemHistoryResponse,
  UpdatePostmortemRequest,
} from '@sre-catalog/backstage-plugin-sre-common';
import {
  ListRequiredPostmortemsRequest,
  SreIncidentsApi,
} from './SreIncidentsApi';

/**
 * Options of {@link SreIncidentsClient}.
 *
 * @public
 */
export type SreIncidentsClientOptions = {
  discoveryApi: DiscoveryApi;
  fetchApi: FetchApi;
};

type QueryValue = string | number | boolean | undefined;

function toCompoundRef(ref: CompoundEntityRef | string): CompoundEntityRef {
  const parsed =
    typeof ref === 'string'
      ? parseEntityRef(ref, { defaultNamespace: 'default' })
      : ref;
  return {
    kind: parsed.kind.toLocaleLowerCase('en-US'),
    namespace: (parsed.namespace || 'default').toLocaleLowerCase('en-US'),
    name: parsed.name.toLocaleLowerCase('en-US'),
  };
}

/** Refs as the backend spells them: `kind:namespace/name`, lower case. */
function refParam(
  ref: string | undefined,
  defaultKind: string,
): string | undefined {
  if (!ref) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
    ).toLocaleLowerCase('en-US');
  } catch {
    // Let the backend name the bad parameter.
    return ref;
  }
}

function queryString(params: Record<string, QueryValue>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.set(key, String(value));
  }
  const search = query.toString();
  return search ? `?${search}` : '';
}

/**
 * Default {@link SreIncidentsApi}: calls the `sre` backend plugin with the user's
 * Backstage credentials (through the fetch API) and throws a `ResponseError` on any
 * non-2xx answer.
 *
 * @public
 */
export class SreIncidentsClient implements SreIncidentsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: SreIncidentsClientOptions) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getRunbooks(
    entityRef: CompoundEntityRef | string,
  ): Promise<EntityRunbooksResponse> {
    const { kind, namespace, name } = toCompoundRef(entityRef);
    return this.request<EntityRunbooksResponse>(
      `/runbooks/${encodeURIComponent(kind)}/${encodeURIComponent(
        namespace,
      )}/${encodeURIComponent(name)}`,
    );
  }

  async listPostmortems(
    request: ListPostmortemsRequest = {},
  ): Promise<ListPostmortemsResponse> {
    return this.request<ListPostmortemsResponse>(
      `/postmortems${queryString({
        entityRef: refParam(request.entityRef, 'component'),
        owner: refParam(request.owner, 'group'),
        severity: request.severity,
        status: request.status,
        tag: request.tag,
        from: request.from,
        to: request.to,
        q: request.q?.trim(),
        limit: request.limit,
        offset: request.offset,
      })}`,
    );
  }

  async getPostmortem(id: string): Promise<Postmortem> {
    return this.request<Postmortem>(`/postmortems/${encodeURIComponent(id)}`);
  }

  async createPostmortem(
    request: CreatePostmortemRequest,
  ): Promise<Postmortem> {
    return this.request<Postmortem>('/postmortems', {
      method: 'POST',
      body: request,
    });
  }

  async updatePostmortem(
    id: string,
    request: UpdatePostmortemRequest,
  ): Promise<Postmortem> {
    return this.request<Postmortem>(`/postmortems/${encodeURIComponent(id)}`, {
      method: 'PUT',
      body: request,
    });
  }

  async getPostmortemHistory(id: string): Promise<PostmortemHistoryResponse> {
    return this.request<PostmortemHistoryResponse>(
      `/postmortems/${encodeURIComponent(id)}/history`,
    );
  }

  async listRequiredPostmortems(
    request: ListRequiredPostmortemsRequest = {},
  ): Promise<ListRequiredPostmortemsResponse> {
    return this.request<ListRequiredPostmortemsResponse>(
      `/postmortems/required${queryString({
        limit: request.limit,
        offset: request.offset,
      })}`,
    );
  }

  async listActionItems(
    request: ListActionItemsRequest = {},
  ): Promise<ListActionItemsResponse> {
    return this.request<ListActionItemsResponse>(
      `/action-items${queryString({
        overdue: request.overdue,
        owner: refParam(request.owner, 'group'),
        team: refParam(request.team, 'group'),
        status: request.status,
        priority: request.priority,
        entityRef: refParam(request.entityRef, 'component'),
        limit: request.limit,
        offset: request.offset,
      })}`,
    );
  }

  private async request<T>(
    path: string,
    init?: { method: 'POST' | 'PUT'; body: unknown },
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('sre');
    const response = await this.fetchApi.fetch(
      `${baseUrl}${path}`,
      init && {
        method: init.method,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(init.body),
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
