import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  CoverageResponse,
  GetCoverageRequest,
  ListSliDeadLettersResponse,
  ListSlosResponse,
  Ownership,
  SloEvaluatorHealth,
  SloHistoryResponse,
  SloStatus,
  TeamSreSupport,
} from '@sre-catalog/backstage-plugin-sre-common';
import { ListSliDeadLettersRequest, ListSlosRequest, SreApi } from './SreApi';

/**
 * Options of {@link SreClient}.
 *
 * @public
 */
export type SreClientOptions = {
  discoveryApi: DiscoveryApi;
  fetchApi: FetchApi;
};

function toCompoundRef(
  ref: CompoundEntityRef | string,
  defaultKind?: string,
): CompoundEntityRef {
  const parsed =
    typeof ref === 'string'
      ? parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' })
      : ref;
  return {
    kind: parsed.kind.toLocaleLowerCase('en-US'),
    namespace: (parsed.namespace || 'default').toLocaleLowerCase('en-US'),
    name: parsed.name.toLocaleLowerCase('en-US'),
  };
}

/**
 * Default {@link SreApi}: calls the `sre` backend plugin with the user's Backstage
 * credentials (through the fetch API) and throws a `ResponseError` on any non-2xx
 * answer.
 *
 * @public
 */
export class SreClient implements SreApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: SreClientOptions) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getOwnership(
    entityRef: CompoundEntityRef | string,
  ): Promise<Ownership> {
    const { kind, namespace, name } = toCompoundRef(entityRef);
    return this.get<Ownership>(
      `/ownership/${encodeURIComponent(kind)}/${encodeURIComponent(
        namespace,
      )}/${encodeURIComponent(name)}`,
    );
  }

  async getCoverage(
    request: GetCoverageRequest = {},
  ): Promise<CoverageResponse> {
    const query = new URLSearchParams();
    if (request.owner) {
      query.set(
        'owner',
        stringifyEntityRef(toCompoundRef(request.owner, 'group')),
      );
    }
    if (request.system) {
      query.set(
        'system',
        stringifyEntityRef(toCompoundRef(request.system, 'system')),
      );
    }
    const search = query.toString();
    return this.get<CoverageResponse>(
      search ? `/coverage?${search}` : '/coverage',
    );
  }

  async getTeamSupport(
    groupRef: CompoundEntityRef | string,
  ): Promise<TeamSreSupport> {
    const { namespace, name } = toCompoundRef(groupRef, 'group');
    return this.get<TeamSreSupport>(
      `/teams/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`,
    );
  }

  async listSlos(request: ListSlosRequest = {}): Promise<ListSlosResponse> {
    const query = new URLSearchParams();
    const refs = [
      ['entityRef', request.entityRef, 'component'],
      ['owner', request.owner, 'group'],
      ['system', request.system, 'system'],
    ] as const;
    for (const [param, ref, defaultKind] of refs) {
      if (ref) {
        query.set(param, stringifyEntityRef(toCompoundRef(ref, defaultKind)));
      }
    }
    if (request.alert) query.set('alert', request.alert);
    if (request.orderBy) query.set('orderBy', request.orderBy);
    if (request.limit !== undefined) query.set('limit', String(request.limit));
    if (request.offset !== undefined) {
      query.set('offset', String(request.offset));
    }
    const search = query.toString();
    return this.get<ListSlosResponse>(search ? `/slos?${search}` : '/slos');
  }

  async getSloStatus(sloRef: CompoundEntityRef | string): Promise<SloStatus> {
    return this.get<SloStatus>(`${this.sloPath(sloRef)}/status`);
  }

  async getSloHistory(
    sloRef: CompoundEntityRef | string,
    days?: number,
  ): Promise<SloHistoryResponse> {
    const query = days === undefined ? '' : `?days=${days}`;
    return this.get<SloHistoryResponse>(
      `${this.sloPath(sloRef)}/history${query}`,
    );
  }

  async getSloEvaluatorHealth(): Promise<SloEvaluatorHealth> {
    return this.get<SloEvaluatorHealth>('/slos/evaluator');
  }

  async listSliDeadLetters(
    request: ListSliDeadLettersRequest = {},
  ): Promise<ListSliDeadLettersResponse> {
    const query = new URLSearchParams();
    if (request.limit !== undefined) query.set('limit', String(request.limit));
    if (request.offset !== undefined) {
      query.set('offset', String(request.offset));
    }
    const search = query.toString();
    return this.get<ListSliDeadLettersResponse>(
      search ? `/slos/dead-letters?${search}` : '/slos/dead-letters',
    );
  }

  async retrySliDeadLetter(id: string): Promise<void> {
    await this.send(
      'POST',
      `/slos/dead-letters/${encodeURIComponent(id)}/retry`,
    );
  }

  async discardSliDeadLetter(id: string): Promise<void> {
    await this.send('DELETE', `/slos/dead-letters/${encodeURIComponent(id)}`);
  }

  private sloPath(sloRef: CompoundEntityRef | string): string {
    const { namespace, name } = toCompoundRef(sloRef, 'slo');
    return `/slos/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
  }

  /** A write without a body whose answer (202, 204) carries nothing to read. */
  private async send(method: 'POST' | 'DELETE', path: string): Promise<void> {
    const baseUrl = await this.discoveryApi.getBaseUrl('sre');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method,
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('sre');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
