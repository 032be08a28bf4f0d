import { AuthService } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  RELATION_HAS_MEMBER,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CoverageResponse,
  ENGAGEMENT_MODELS,
  GetCoverageRequest,
  Ownership,
  SreOwnershipConfig,
  TeamSreSupport,
  TeamSupportEntry,
  entityRefIn,
  parseSreAnnotations,
  referencedRefs,
} from '@sre-catalog/backstage-plugin-sre-common';
import { OwnershipRequestOptions, OwnershipService } from './OwnershipService';
import {
  OwnershipResolver,
  ResolvedService,
  lower,
  refOf,
  usesCentralSres,
} from './OwnershipResolver';
import {
  OwnershipRollupCache,
  OwnershipRollupCacheOptions,
} from './OwnershipRollupCache';

/** Filters of the coverage report remembered per view. */
const MAX_REPORTS_PER_VIEW = 100;

/** Shared between callers: nobody may change it. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    Object.values(value).forEach(deepFreeze);
  }
  return value;
}

/**
 * Resolves ownership from the catalog. Every catalog read is a batch (a stream of all
 * services, one by-refs look-up for all referenced Users and Groups), so the cost
 * does not grow with round trips per entity.
 *
 * The coverage and team roll-ups read every service. Given `auth`, they share one
 * catalog-wide resolution, narrowed per caller to what its credentials can see
 * ({@link OwnershipRollupCache}); without it, each call reads the catalog with the
 * caller's credentials.
 *
 * @public
 */
export class DefaultOwnershipService implements OwnershipService {
  private constructor(
    private readonly catalog: CatalogService,
    private readonly config: SreOwnershipConfig,
    private readonly resolver: OwnershipResolver,
    private readonly rollups: OwnershipRollupCache | undefined,
  ) {}

  /**
   * Reports per list of services (a caller's cached view, which callers who see
   * the same share) and filter: the same object while the view lives, so that the
   * HTTP layer can serialize a report of thousands of services once.
   */
  private readonly coverageReports = new WeakMap<
    ResolvedService[],
    Map<string, CoverageResponse>
  >();

  static create(options: {
    catalog: CatalogService;
    config: SreOwnershipConfig;
    /** Enables the roll-up cache (the plugin's own credentials read the catalog). */
    auth?: AuthService;
    cache?: OwnershipRollupCacheOptions;
  }): DefaultOwnershipService {
    const { catalog, config, auth } = options;
    const resolver = new OwnershipResolver(catalog, config);
    const rollups = auth
      ? new OwnershipRollupCache({ catalog, auth, resolver }, options.cache)
      : undefined;
    return new DefaultOwnershipService(catalog, config, resolver, rollups);
  }

  async getOwnership(
    entityRef: CompoundEntityRef,
    options: OwnershipRequestOptions,
  ): Promise<Ownership> {
    const entity = await this.catalog.getEntityByRef(entityRef, options);
    if (!entity) {
      throw new NotFoundError(
        `No entity ${stringifyEntityRef(entityRef)} in the catalog`,
      );
    }
    const system = await this.systemOf(entity, options);
    const existing = await this.resolver.existing(
      referencedRefs(entity, this.resolver.annotationsOf([entity, system]), [
        this.config.centralSreTeam,
        this.config.platformTeam,
      ]),
      options.credentials,
    );
    return this.resolver.resolve(entity, system, ref =>
      existing.has(lower(ref)),
    );
  }

  async getCoverage(
    request: GetCoverageRequest,
    options: OwnershipRequestOptions,
  ): Promise<CoverageResponse> {
    const resolved = await this.servicesFor(options);
    const owner = request.owner && lower(request.owner);
    const system = request.system && lower(request.system);
    const key = JSON.stringify([owner, system]);
    let reports = this.coverageReports.get(resolved);
    const known = reports?.get(key);
    if (known) return known;
    // Systems only lend defaults to their parts; the report is about what runs.
    // Already in the report's order.
    const services = resolved
      .filter(
        ({ isSystem, ownership }) =>
          !isSystem &&
          (!owner || ownership.owner === owner) &&
          (!system || ownership.system === system),
      )
      .map(({ coverage }) => coverage);

    const byEngagement = Object.fromEntries(
      [...ENGAGEMENT_MODELS, 'undeclared'].map(m => [m, 0]),
    ) as CoverageResponse['totals']['byEngagement'];
    const bySupport: CoverageResponse['totals']['bySupport'] = {
      supported: 0,
      unstaffed: 0,
      none: 0,
      undeclared: 0,
    };
    let withGaps = 0;
    let withProblems = 0;
    for (const s of services) {
      byEngagement[s.engagement ?? 'undeclared'] += 1;
      bySupport[s.sreSupport] += 1;
      if (s.gaps.length > 0) withGaps += 1;
      if (s.problemCount > 0) withProblems += 1;
    }
    const report = deepFreeze({
      totals: {
        services: services.length,
        byEngagement,
        bySupport,
        withGaps,
        withProblems,
      },
      services,
    });
    if (!reports) {
      reports = new Map();
      this.coverageReports.set(resolved, reports);
    }
    if (reports.size >= MAX_REPORTS_PER_VIEW) reports.clear();
    reports.set(key, report);
    return report;
  }

  async getTeamSupport(
    groupRef: CompoundEntityRef,
    options: OwnershipRequestOptions,
  ): Promise<TeamSreSupport> {
    const { group, services: resolved } = await this.teamData(
      groupRef,
      options,
    );
    if (!group || group.kind.toLocaleLowerCase('en-US') !== 'group') {
      throw new NotFoundError(
        `No group ${stringifyEntityRef(groupRef)} in the catalog`,
      );
    }
    const teamRef = refOf(group);
    const members = new Set(
      (group.relations ?? [])
        .filter(r => r.type === RELATION_HAS_MEMBER)
        .map(r => lower(r.targetRef)),
    );

    const supports: TeamSupportEntry[] = [];
    const owned = { services: 0, unsupported: 0, withGaps: 0 };
    for (const { entity, ownership } of resolved) {
      if (ownership.owner === teamRef) {
        owned.services += 1;
        if (ownership.sreSupport !== 'supported') owned.unsupported += 1;
        if (ownership.gaps.length) owned.withGaps += 1;
      }
      const roles: string[] = [];
      const embedded = ownership.embeddedSres.filter(u => members.has(u));
      if (embedded.length) roles.push('embedded-sre');
      // The organisation-default central team only "supports" services whose model
      // uses central SREs; elsewhere it shows through the areas it holds.
      const usesCentral = usesCentralSres(ownership);
      if (ownership.centralSre === teamRef && usesCentral) {
        roles.push('central-sre');
      }
      for (const r of ownership.responsibilities) {
        const heldByTeam =
          r.holders.includes(teamRef) && ownership.owner !== teamRef;
        if (heldByTeam && !(r.party === 'central-sre' && usesCentral)) {
          roles.push(`area:${r.area}`);
        }
      }
      if (roles.length) {
        supports.push({
          entityRef: ownership.entityRef,
          title: entity.metadata.title,
          owner: ownership.owner,
          engagement: ownership.engagement,
          roles,
          members: embedded,
        });
      }
    }
    const annotations = parseSreAnnotations(group, { areas: [] });
    return {
      entityRef: teamRef,
      teamType: annotations.teamType,
      problems: annotations.problems,
      supports,
      owned,
    };
  }

  private async systemOf(
    entity: Entity,
    options: OwnershipRequestOptions,
  ): Promise<Entity | undefined> {
    const ref = entityRefIn(entity, entity.spec?.system, 'system');
    return ref ? this.catalog.getEntityByRef(ref, options) : undefined;
  }

  /** Every service-like entity the caller can see, resolved, in coverage order. */
  private async servicesFor(
    options: OwnershipRequestOptions,
  ): Promise<ResolvedService[]> {
    if (this.rollups) {
      return (await this.rollups.rollupFor(options.credentials)).services;
    }
    return this.resolver.resolveAll(
      await this.resolver.readServices(options.credentials),
    );
  }

  /** The Group as the caller sees it (undefined if it cannot), and the services. */
  private async teamData(
    groupRef: CompoundEntityRef,
    options: OwnershipRequestOptions,
  ): Promise<{ group?: Entity; services: ResolvedService[] }> {
    if (!this.rollups) {
      const group = await this.catalog.getEntityByRef(groupRef, options);
      return { group, services: group ? await this.servicesFor(options) : [] };
    }
    const { services, groups } = await this.rollups.rollupFor(
      options.credentials,
    );
    const ref = lower(stringifyEntityRef(groupRef));
    // A Group newer than the cached data: ask the catalog.
    const group = groups.has(ref)
      ? groups.get(ref)
      : await this.catalog.getEntityByRef(groupRef, options);
    return { group, services };
  }
}
