/* eslint-disable new-cap */
// openapi-fetch names its methods after the HTTP verbs: client.GET(...).
import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import createClient, { Client } from 'openapi-fetch';
import {
  CoverageResponse,
  GetCoverageRequest,
  Ownership,
  TeamSreSupport,
} from '../ownership';
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
} from '../postmortems';
import {
  EntityOfferings,
  ExpiringEngagements,
  ListOfferingsResponse,
  OfferingDetails,
} from '../offerings';
import { EntityRunbooksResponse } from '../runbooks';
import {
  ListSliDeadLettersResponse,
  ListSlosResponse,
  SloEvaluatorHealth,
  SloHistoryResponse,
  SloStatus,
} from '../slo';
import { paths } from './generated/openapi';
import { asUrlAndInit, pathOf, query, refParam } from './requestParts';
import {
  ListOfferingsRequest,
  ListRequiredPostmortemsRequest,
  ListSliDeadLettersRequest,
  ListSlosRequest,
} from './requests';

/**
 * Options of {@link SreApiClient}: Backstage's discovery and fetch APIs in the
 * frontend, the discovery service and a fetch that adds a service token in a
 * backend.
 *
 * @public
 */
export type SreApiClientOptions = {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  fetchApi?: { fetch: typeof fetch };
};

/**
 * The client of the `sre` backend plugin, built on the types generated from its
 * OpenAPI spec (`src/client/generated`, from openapi.yaml of sre-backend; run
 * `yarn generate:client` after changing the spec). Every method rejects with a
 * `ResponseError` of `@backstage/errors` on a non-2xx answer: 400 names the bad
 * field or parameter, 404 an entity, SLO or postmortem the caller cannot see,
 * 409 an edit based on a stale version.
 *
 * @public
 */
export class SreApiClient {
  private readonly client: Client<paths>;
  private readonly discoveryApi: SreApiClientOptions['discoveryApi'];

  constructor(options: SreApiClientOptions) {
    this.discoveryApi = options.discoveryApi;
    const fetchApi = options.fetchApi;
    this.client = createClient<paths>({
      fetch: fetchApi
        ? async request => fetchApi.fetch(...(await asUrlAndInit(request)))
        : undefined,
    });
    this.client.use({
      async onResponse({ response }) {
        if (!response.ok) throw await ResponseError.fromResponse(response);
        return undefined;
      },
    });
  }

  /** Rejects with status 404 when the catalog does not know the entity. */
  async getOwnership(
    entityRef: CompoundEntityRef | string,
  ): Promise<Ownership> {
    return this.data<Ownership>(
      this.client.GET('/ownership/{kind}/{namespace}/{name}', {
        params: { path: pathOf(entityRef) },
        baseUrl: await this.baseUrl(),
      }),
    );
  }

  /** Counts per engagement model and support state, and every service with its gaps. */
  async getCoverage(
    request: GetCoverageRequest = {},
  ): Promise<CoverageResponse> {
    return this.data<CoverageResponse>(
      this.client.GET('/coverage', {
        params: {
          query: query({
            owner: refParam(request.owner, 'group'),
            system: refParam(request.system, 'system'),
          }),
        },
        baseUrl: await this.baseUrl(),
      }),
    );
  }

  /** What a Group supports as SREs, and the state of the services it owns. */
  async getTeamSupport(
    groupRef: CompoundEntityRef | string,
  ): Promise<TeamSreSupport> {
    const { namespace, name } = pathOf(groupRef, 'group');
    return this.data<TeamSreSupport>(
      this.client.GET('/teams/{namespace}/{name}', {
        params: { path: { namespace, name } },
        baseUrl: await this.baseUrl(),
      }),
    );
  }

  /** SLO statuses, filtered, ordered and paged by the backend. */
  async listSlos(request: ListSlosRequest = {}): Promise<ListSlosResponse> {
    return this.data<ListSlosResponse>(
      this.client.GET('/slos', {
        params: {
          query: query({
            entityRef: refParam(request.entityRef, 'component'),
            owner: refParam(request.owner, 'group'),
            system: refParam(request.system, 'system'),
            alert: request.alert,
            orderBy: request.orderBy,
            limit: request.limit,
            offset: request.offset,
          }),
        },
        baseUrl: await this.baseUrl(),
      }),
    );
  }

  /**
   * The current status of one SLO (`slo:default/name` or `default/name`); rejects
   * with status 404 for an unknown SLO.
   */
  async getSloStatus(sloRef: CompoundEntityRef | string): Promise<SloStatus> {
    return this.data<SloStatus>(
      this.client.GET('/slos/{namespace}/{name}/status', {
        params: { path: this.sloPath(sloRef) },
        baseUrl: await this.baseUrl(),
      }),
    );
  }

  /** One point per day over the last `days` days (30 when not given). */
  async getSloHistory(
    sloRef: CompoundEntityRef | string,
    days?: number,
  ): Promise<SloHistoryResponse> {
    return this.data<SloHistoryResponse>(
      this.client.GET('/slos/{namespace}/{name}/history', {
        params: { path: this.sloPath(sloRef), query: query({ days }) },
        baseUrl: await this.baseUrl(),
      }),
    );
  }

  /** The evaluator's last run, the push queue and its limits, the dead letters. */
  async getSloEvaluatorHealth(): Promise<SloEvaluatorHealth> {
    return this.data<SloEvaluatorHealth>(
      this.client.GET('/slos/evaluator', { baseUrl: await this.baseUrl() }),
    );
  }

  /** Pushes that could not be applied, newest first. */
  async listSliDeadLetters(
    request: ListSliDeadLettersRequest = {},
  ): Promise<ListSliDeadLettersResponse> {
    return this.data<ListSliDeadLettersResponse>(
      this.client.GET('/slos/dead-letters', {
        params: {
          query: query({ limit: request.limit, offset: request.offset }),
        },
        baseUrl: await this.baseUrl(),
      }),
    );
  }

  /** Queues a dead letter to be applied again (`sre.slo.deadletter.manage`). */
  async retrySliDeadLetter(id: string): Promise<void> {
    await this.client.POST('/slos/dead-letters/{id}/retry', {
      params: { path: { id } },
      baseUrl: await this.baseUrl(),
    });
  }

  /** Drops a dead letter for good (`sre.slo.deadletter.manage`). */
  async discardSliDeadLetter(id: string): Promise<void> {
    await this.client.DELETE('/slos/dead-letters/{id}', {
      params: { path: { id } },
      baseUrl: await this.baseUrl(),
    });
  }

  /**
   * The runbooks of an entity from every source, the alerts they cover and the
   * problems found reading them.
   */
  async getRunbooks(
    entityRef: CompoundEntityRef | string,
  ): Promise<EntityRunbooksResponse> {
    return this.data<EntityRunbooksResponse>(
      this.client.GET('/runbooks/{kind}/{namespace}/{name}', {
        params: { path: pathOf(entityRef) },
        baseUrl: await this.baseUrl(),
      }),
    );
  }

  /** Offerings by title, with their SLOs and adopter counts, paged by the backend. */
  async listOfferings(
    request: ListOfferingsRequest = {},
  ): Promise<ListOfferingsResponse> {
    return this.data<ListOfferingsResponse>(
      this.client.GET('/offerings', {
        params: {
          query: query({
            provider: refParam(request.provider, 'group'),
            category: request.category,
            limit: request.limit,
            offset: request.offset,
          }),
        },
        baseUrl: await this.baseUrl(),
      }),
    );
  }

  /** Rejects with status 404 when the caller cannot see the offering. */
  async getOffering(
    offeringRef: CompoundEntityRef | string,
  ): Promise<OfferingDetails> {
    const { namespace, name } = pathOf(offeringRef, 'sreoffering');
    return this.data<OfferingDetails>(
      this.client.GET('/offerings/{namespace}/{name}', {
        params: { path: { namespace, name } },
        baseUrl: await this.baseUrl(),
      }),
    );
  }

  /** The offerings an entity uses, in its annotation's order. */
  async getEntityOfferings(
    entityRef: CompoundEntityRef | string,
  ): Promise<EntityOfferings> {
    return this.data<EntityOfferings>(
      this.client.GET('/offerings/used-by/{kind}/{namespace}/{name}', {
        params: { path: pathOf(entityRef) },
        baseUrl: await this.baseUrl(),
      }),
    );
  }

  /** Time-boxed engagements that are expired or end within 14 days. */
  async listExpiringEngagements(
    request: { group?: CompoundEntityRef | string } = {},
  ): Promise<ExpiringEngagements> {
    return this.data<ExpiringEngagements>(
      this.client.GET('/engagements/expiring', {
        params: { query: query({ group: refParam(request.group, 'group') }) },
        baseUrl: await this.baseUrl(),
      }),
    );
  }

  /** Postmortems, newest incident first, filtered and paged by the backend. */
  async listPostmortems(
    request: ListPostmortemsRequest = {},
  ): Promise<ListPostmortemsResponse> {
    return this.data<ListPostmortemsResponse>(
      this.client.GET('/postmortems', {
        params: {
          query: query({
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
          }),
        },
        baseUrl: await this.baseUrl(),
      }),
    );
  }

  /** One postmortem; rejects with status 404 for an unknown id. */
  async getPostmortem(id: string): Promise<Postmortem> {
    return this.data<Postmortem>(
      this.client.GET('/postmortems/{id}', {
        params: { path: { id } },
        baseUrl: await this.baseUrl(),
      }),
    );
  }

  /** Writes a new postmortem and returns it as stored (version 1). */
  async createPostmortem(
    request: CreatePostmortemRequest,
  ): Promise<Postmortem> {
    return this.data<Postmortem>(
      this.client.POST('/postmortems', {
        body: request as never,
        baseUrl: await this.baseUrl(),
      }),
    );
  }

  /**
   * Replaces a postmortem. `request.version` is the version the edit is based on;
   * when someone changed it since, the backend refuses with 409.
   */
  async updatePostmortem(
    id: string,
    request: UpdatePostmortemRequest,
  ): Promise<Postmortem> {
    return this.data<Postmortem>(
      this.client.PUT('/postmortems/{id}', {
        params: { path: { id } },
        body: request as never,
        baseUrl: await this.baseUrl(),
      }),
    );
  }

  /** Who changed which fields of a postmortem, and when; newest first. */
  async getPostmortemHistory(id: string): Promise<PostmortemHistoryResponse> {
    return this.data<PostmortemHistoryResponse>(
      this.client.GET('/postmortems/{id}/history', {
        params: { path: { id } },
        baseUrl: await this.baseUrl(),
      }),
    );
  }

  /**
   * Incidents the error budget policy says need a postmortem with a P0 action
   * item, where that postmortem is missing or lacks one.
   */
  async listRequiredPostmortems(
    request: ListRequiredPostmortemsRequest = {},
  ): Promise<ListRequiredPostmortemsResponse> {
    return this.data<ListRequiredPostmortemsResponse>(
      this.client.GET('/postmortems/required', {
        params: {
          query: query({ limit: request.limit, offset: request.offset }),
        },
        baseUrl: await this.baseUrl(),
      }),
    );
  }

  /** Action items across postmortems, by due date then priority. */
  async listActionItems(
    request: ListActionItemsRequest = {},
  ): Promise<ListActionItemsResponse> {
    return this.data<ListActionItemsResponse>(
      this.client.GET('/action-items', {
        params: {
          query: query({
            overdue:
              request.overdue === undefined
                ? undefined
                : (String(request.overdue) as 'true' | 'false'),
            owner: refParam(request.owner, 'group'),
            team: refParam(request.team, 'group'),
            status: request.status,
            priority: request.priority,
            entityRef: refParam(request.entityRef, 'component'),
            limit: request.limit,
            offset: request.offset,
          }),
        },
        baseUrl: await this.baseUrl(),
      }),
    );
  }

  private sloPath(sloRef: CompoundEntityRef | string) {
    const { namespace, name } = pathOf(sloRef, 'slo');
    return { namespace, name };
  }

  private baseUrl(): Promise<string> {
    return this.discoveryApi.getBaseUrl('sre');
  }

  /**
   * The body of a 2xx answer (non-2xx ones throw in the middleware), as the
   * domain type of sre-common that the spec describes.
   */
  private async data<T>(
    pending: Promise<{ data?: unknown; response: Response }>,
  ): Promise<T> {
    const { data } = await pending;
    return data as T;
  }
}
