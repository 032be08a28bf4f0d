import {
  CompoundEntityRef,
  Entity,
  RELATION_HAS_MEMBER,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CoverageEntry,
  CoverageResponse,
  ENGAGEMENT_MODELS,
  GetCoverageRequest,
  Ownership,
  SreOwnershipConfig,
  SreSupport,
  TeamSreSupport,
  TeamSupportEntry,
  entityRefIn,
  parseSreAnnotations,
  referencedRefs,
  resolveOwnership,
} from '@sre-catalog/backstage-plugin-sre-common';
import { OwnershipRequestOptions, OwnershipService } from './OwnershipService';

/** The entity kinds that can receive SRE support. */
const SERVICE_KINDS = ['Component', 'System', 'Resource'];

/** Only what resolution reads, so that scanning thousands of entities stays cheap. */
const SERVICE_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec.owner',
  'spec.system',
  'spec.type',
];

const SUPPORT_ORDER: Record<SreSupport, number> = {
  none: 0,
  undeclared: 1,
  unstaffed: 2,
  supported: 3,
};

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');
const refOf = (entity: Entity) => lower(stringifyEntityRef(entity));

/** Whether the service's engagement model has a central SRE team work on it. */
function usesCentralSres(ownership: Ownership): boolean {
  return ['central', 'hybrid', 'enabling'].includes(ownership.engagement ?? '');
}

/**
 * Resolves ownership from the catalog. Every catalog read is a batch (a stream of all
 * services, one by-refs look-up for all referenced Users and Groups), so the cost
 * does not grow with round trips per entity.
 *
 * @public
 */
export class DefaultOwnershipService implements OwnershipService {
  private constructor(
    private readonly catalog: CatalogService,
    private readonly config: SreOwnershipConfig,
  ) {}

  static create(options: {
    catalog: CatalogService;
    config: SreOwnershipConfig;
  }): DefaultOwnershipService {
    return new DefaultOwnershipService(options.catalog, options.config);
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
    const refExists = await this.refChecker(
      referencedRefs(entity, this.annotationsOf([entity, system]), [
        this.config.centralSreTeam,
        this.config.platformTeam,
      ]),
      options,
    );
    return this.resolve(entity, system, refExists);
  }

  async getCoverage(
    request: GetCoverageRequest,
    options: OwnershipRequestOptions,
  ): Promise<CoverageResponse> {
    const resolved = await this.resolveAllServices(options);
    const owner = request.owner && lower(request.owner);
    const system = request.system && lower(request.system);
    // Systems only lend defaults to their parts; the report is about what runs.
    const services = resolved
      .filter(
        ({ entity }) => entity.kind.toLocaleLowerCase('en-US') !== 'system',
      )
      .filter(({ ownership }) => !owner || ownership.owner === owner)
      .filter(({ ownership }) => !system || ownership.system === system)
      .map(({ entity, ownership }) => toCoverageEntry(entity, ownership))
      .sort(
        (a, b) =>
          SUPPORT_ORDER[a.sreSupport] - SUPPORT_ORDER[b.sreSupport] ||
          Number(b.gaps.length > 0) - Number(a.gaps.length > 0) ||
          a.entityRef.localeCompare(b.entityRef),
      );

    const byEngagement = Object.fromEntries(
      [...ENGAGEMENT_MODELS, 'undeclared'].map(m => [m, 0]),
    ) as CoverageResponse['totals']['byEngagement'];
    const bySupport: CoverageResponse['totals']['bySupport'] = {
      supported: 0,
      unstaffed: 0,
      none: 0,
      undeclared: 0,
    };
    for (const s of services) {
      byEngagement[s.engagement ?? 'undeclared'] += 1;
      bySupport[s.sreSupport] += 1;
    }
    return {
      totals: {
        services: services.length,
        byEngagement,
        bySupport,
        withGaps: services.filter(s => s.gaps.length > 0).length,
        withProblems: services.filter(s => s.problemCount > 0).length,
      },
      services,
    };
  }

  async getTeamSupport(
    groupRef: CompoundEntityRef,
    options: OwnershipRequestOptions,
  ): Promise<TeamSreSupport> {
    const group = await this.catalog.getEntityByRef(groupRef, options);
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
    const resolved = await this.resolveAllServices(options);

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

  private annotationsOf(entities: (Entity | undefined)[]) {
    const areas = Object.keys(this.config.baseline);
    return entities
      .filter((e): e is Entity => Boolean(e))
      .map(e => parseSreAnnotations(e, { areas }));
  }

  private async systemOf(
    entity: Entity,
    options: OwnershipRequestOptions,
  ): Promise<Entity | undefined> {
    const ref = entityRefIn(entity, entity.spec?.system, 'system');
    return ref ? this.catalog.getEntityByRef(ref, options) : undefined;
  }

  /** One batch look-up that tells which of the given refs exist. */
  private async refChecker(
    refs: string[],
    options: OwnershipRequestOptions,
  ): Promise<(ref: string) => boolean> {
    const known = new Set<string>();
    if (refs.length) {
      const { items } = await this.catalog.getEntitiesByRefs(
        {
          entityRefs: refs,
          fields: ['kind', 'metadata.name', 'metadata.namespace'],
        },
        options,
      );
      items.forEach(e => e && known.add(refOf(e)));
    }
    return ref => known.has(lower(ref));
  }

  private resolve(
    entity: Entity,
    system: Entity | undefined,
    refExists: (ref: string) => boolean,
  ): Ownership {
    const isGroup = entity.kind.toLocaleLowerCase('en-US') === 'group';
    return resolveOwnership(entity, {
      system,
      baseline: isGroup ? {} : this.config.baseline,
      centralSreTeam: this.config.centralSreTeam,
      platformTeam: this.config.platformTeam,
      refExists,
    });
  }

  private async resolveAllServices(
    options: OwnershipRequestOptions,
  ): Promise<{ entity: Entity; ownership: Ownership }[]> {
    const entities: Entity[] = [];
    for await (const page of this.catalog.streamEntities(
      { filter: { kind: SERVICE_KINDS }, fields: SERVICE_FIELDS },
      options,
    )) {
      entities.push(...page);
    }
    const systems = new Map(
      entities
        .filter(e => e.kind.toLocaleLowerCase('en-US') === 'system')
        .map(e => [refOf(e), e]),
    );
    const systemFor = (e: Entity) => {
      const ref = entityRefIn(e, e.spec?.system, 'system');
      return ref ? systems.get(ref) : undefined;
    };
    const refs = new Set<string>();
    for (const e of entities) {
      referencedRefs(e, this.annotationsOf([e]), []).forEach(r => refs.add(r));
    }
    [this.config.centralSreTeam, this.config.platformTeam].forEach(
      r => r && refs.add(r),
    );
    const refExists = await this.refChecker([...refs], options);
    return entities.map(entity => ({
      entity,
      ownership: this.resolve(entity, systemFor(entity), refExists),
    }));
  }
}

function toCoverageEntry(entity: Entity, ownership: Ownership): CoverageEntry {
  return {
    entityRef: ownership.entityRef,
    title: entity.metadata.title,
    kind: entity.kind,
    type: typeof entity.spec?.type === 'string' ? entity.spec.type : undefined,
    owner: ownership.owner,
    system: ownership.system,
    engagement: ownership.engagement,
    engagementSource: ownership.engagementSource,
    sreSupport: ownership.sreSupport,
    sres: [
      ...ownership.embeddedSres,
      ...(ownership.centralSre && usesCentralSres(ownership)
        ? [ownership.centralSre]
        : []),
    ],
    gaps: ownership.gaps,
    problemCount: ownership.problems.length,
  };
}
