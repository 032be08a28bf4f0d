import {
  AuthService,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ListSlosResponse,
  SloHistoryResponse,
  SloStatus,
  SreOwnershipConfig,
} from '@sre-catalog/backstage-plugin-sre-common';
import { DEFAULT_VISIBILITY_CACHE_TTL_MS } from '../catalog/CatalogVisibility';
import { OwnershipService } from '../ownership/OwnershipService';
import { DEFAULT_EVALUATION_INTERVAL_MS } from './evaluationInterval';
import { loadSloDefinitions } from './loadSloDefinitions';
import { SloList } from './SloList';
import { SloPermissionResources } from './SloPermissionResources';
import { PUSH_VISIBILITY_CACHE_MS, SloPushes } from './SloPushes';
import { ListSlosQuery, SloRequestOptions, SloService } from './SloService';
import { SloStatusReads } from './SloStatusReads';
import { SloVisibility } from './SloVisibility';
import { SloStatusStore } from './status/SloStatusStore';
import { SliStore } from './store/SliStore';

export { STATUS_READ_CACHE_MS } from './SloStatusReads';
export {
  PUSH_DEFINITION_CACHE_MS,
  PUSH_VISIBILITY_CACHE_MS,
} from './SloPushes';
export { MAX_SLOS_PER_BATCH } from './sloPushRequests';

/** Constructor arguments of {@link DefaultSloService}. */
export type DefaultSloServiceOptions = {
  catalog: CatalogService;
  auth: AuthService;
  permissions: PermissionsService;
  sliStore: SliStore;
  statusStore: SloStatusStore;
  /** For rules that modules add; the plugin's own rules without it. */
  permissionsRegistry?: PermissionsRegistryService;
  /** Who the SREs of a service are, for `isServiceOwnerOrSre`. */
  ownershipConfig?: SreOwnershipConfig;
  /** How often the evaluator runs (`sre.evaluation.frequency`), for staleness. */
  evaluationIntervalMs?: number;
  /** The clock statuses' age is measured with. */
  now?: () => number;
  /** How long a caller's read visibility is reused (`sre.visibility.cacheTtl`, default 10 s). */
  visibilityCacheTtlMs?: number;
  /**
   * The services a team supports as SREs, for lists by `ownerRef`; without it a
   * team's SLOs are only those it owns.
   */
  ownership?: Pick<OwnershipService, 'getTeamSupport'>;
};

/**
 * The SLO service on the plugin's stores and the catalog: pushes
 * ({@link SloPushes}), status and history ({@link SloStatusReads}) and lists
 * ({@link SloList}), all decided with the caller's {@link SloVisibility}.
 */
export class DefaultSloService implements SloService {
  private readonly pushes: SloPushes;
  private readonly reads: SloStatusReads;
  private readonly lists: SloList;

  /** SLOs as permission resources, for conditional decisions on pushes. */
  readonly permissionResources: SloPermissionResources;

  static create(options: DefaultSloServiceOptions): DefaultSloService {
    return new DefaultSloService(options);
  }

  private constructor(deps: DefaultSloServiceOptions) {
    const visibility = new SloVisibility(deps, {
      readTtlMs: deps.visibilityCacheTtlMs ?? DEFAULT_VISIBILITY_CACHE_TTL_MS,
      pushTtlMs: PUSH_VISIBILITY_CACHE_MS,
    });
    // With the plugin's own credentials: a definition is no secret of the caller's.
    const definitionsOf = async (sloRefs: string[]) =>
      loadSloDefinitions(
        deps.catalog,
        sloRefs,
        await deps.auth.getOwnServiceCredentials(),
      );
    const statuses = {
      sliStore: deps.sliStore,
      statusStore: deps.statusStore,
      visibility,
      evaluationIntervalMs:
        deps.evaluationIntervalMs ?? DEFAULT_EVALUATION_INTERVAL_MS,
      now: deps.now ?? Date.now,
    };
    this.pushes = new SloPushes({ ...deps, visibility, definitionsOf });
    this.reads = new SloStatusReads({ ...statuses, definitionsOf });
    this.lists = new SloList({ ...statuses, ownership: deps.ownership });
    this.permissionResources = this.pushes.authorization.resources;
  }

  /**
   * Validates pushed SLI buckets for a built-in SLO and accepts them; the next
   * evaluation applies them (reads show them from then on). Throws
   * SliQueueFullError (503) when the queue of accepted pushes is over a bound.
   */
  async pushEvents(
    request: { sloRef: string; body: unknown },
    options: SloRequestOptions,
  ): Promise<{ accepted: number }> {
    return this.pushes.pushEvents(request, options);
  }

  /** See SloPushes.pushEventsBatch: one tick of many SLOs, all or nothing. */
  async pushEventsBatch(
    body: unknown,
    options: SloRequestOptions,
  ): Promise<{ accepted: number; slos: number }> {
    return this.pushes.pushEventsBatch(body, options);
  }

  async getStatus(
    sloRef: string,
    { credentials }: SloRequestOptions,
  ): Promise<SloStatus> {
    return this.reads.getStatus(sloRef, credentials);
  }

  async getHistory(
    request: { sloRef: string; days: number },
    { credentials }: SloRequestOptions,
  ): Promise<SloHistoryResponse> {
    return this.reads.getHistory(request, credentials);
  }

  async list(
    query: ListSlosQuery,
    { credentials }: SloRequestOptions,
  ): Promise<ListSlosResponse> {
    return this.lists.list(query, credentials);
  }
}
