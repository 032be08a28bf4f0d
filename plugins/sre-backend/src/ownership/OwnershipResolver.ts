import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CoverageEntry,
  Ownership,
  SreOwnershipConfig,
  SreSupport,
  entityRefIn,
  parseSreAnnotations,
  referencedRefs,
  resolveOwnership,
} from '@sre-catalog/backstage-plugin-sre-common';

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

/** What a team roll-up reads of its Group. */
const GROUP_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
  'relations',
];

const SUPPORT_ORDER: Record<SreSupport, number> = {
  none: 0,
  undeclared: 1,
  unstaffed: 2,
  supported: 3,
};

export const lower = (ref: string) => ref.toLocaleLowerCase('en-US');
export const refOf = (entity: Entity) => lower(stringifyEntityRef(entity));

/** Whether the service's engagement model has a central SRE team work on it. */
export function usesCentralSres(ownership: Ownership): boolean {
  return ['central', 'hybrid', 'enabling'].includes(ownership.engagement ?? '');
}

/** One service-like entity (Systems included) with its resolved ownership. */
export type ResolvedService = {
  entity: Entity;
  ownership: Ownership;
  /** Its line of the coverage report (Systems have one too, left out there). */
  coverage: CoverageEntry;
  isSystem: boolean;
};

/** Every service-like entity some credentials see, and which referenced refs exist. */
export type CatalogServices = {
  entities: Entity[];
  /** By lower-case ref. */
  systems: Map<string, Entity>;
  /** Of the Users and Groups the entities (and the config) name, those found. */
  existing: Set<string>;
};

/**
 * Resolves ownership with one configuration: the catalog reads it needs, in batch
 * calls (a stream of all services, one by-refs look-up for all referenced Users and
 * Groups), and the resolution itself, which reads nothing.
 */
export class OwnershipResolver {
  constructor(
    private readonly catalog: CatalogService,
    private readonly config: SreOwnershipConfig,
  ) {}

  /** The teams of the config, which every resolution may name. */
  configuredRefs(): string[] {
    return [this.config.centralSreTeam, this.config.platformTeam]
      .filter((r): r is string => Boolean(r))
      .map(lower);
  }

  /** The User and Group refs the entity's own fields and annotations name. */
  referencedRefsOf(entity: Entity): string[] {
    return referencedRefs(entity, this.annotationsOf([entity]), []);
  }

  annotationsOf(entities: (Entity | undefined)[]) {
    const areas = Object.keys(this.config.baseline);
    return entities
      .filter((e): e is Entity => Boolean(e))
      .map(e => parseSreAnnotations(e, { areas }));
  }

  /** The entity's System ref (lower case), if it names one. */
  systemRefOf(entity: Entity): string | undefined {
    return entityRefIn(entity, entity.spec?.system, 'system');
  }

  /** One batch look-up: which of the given refs these credentials find. */
  async existing(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const known = new Set<string>();
    if (refs.length) {
      const { items } = await this.catalog.getEntitiesByRefs(
        {
          entityRefs: refs,
          fields: ['kind', 'metadata.name', 'metadata.namespace'],
        },
        { credentials },
      );
      items.forEach(e => e && known.add(refOf(e)));
    }
    return known;
  }

  /** Every service-like entity these credentials see, in two batch reads. */
  async readServices(
    credentials: BackstageCredentials,
  ): Promise<CatalogServices> {
    const entities: Entity[] = [];
    for await (const page of this.catalog.streamEntities(
      { filter: { kind: SERVICE_KINDS }, fields: SERVICE_FIELDS },
      { credentials },
    )) {
      entities.push(...page);
    }
    const systems = new Map(
      entities
        .filter(e => e.kind.toLocaleLowerCase('en-US') === 'system')
        .map(e => [refOf(e), e]),
    );
    const refs = new Set<string>(this.configuredRefs());
    for (const e of entities) {
      this.referencedRefsOf(e).forEach(r => refs.add(r));
    }
    return {
      entities,
      systems,
      existing: await this.existing([...refs], credentials),
    };
  }

  /** Every Group these credentials see, with what a team roll-up reads of it. */
  async readGroups(credentials: BackstageCredentials): Promise<Entity[]> {
    const groups: Entity[] = [];
    for await (const page of this.catalog.streamEntities(
      { filter: { kind: 'Group' }, fields: GROUP_FIELDS },
      { credentials },
    )) {
      groups.push(...page);
    }
    return groups;
  }

  resolve(
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

  resolveService(
    entity: Entity,
    system: Entity | undefined,
    refExists: (ref: string) => boolean,
  ): ResolvedService {
    const ownership = this.resolve(entity, system, refExists);
    return {
      entity,
      ownership,
      coverage: toCoverageEntry(entity, ownership),
      isSystem: entity.kind.toLocaleLowerCase('en-US') === 'system',
    };
  }

  /** All of them resolved, in the coverage report's order. */
  resolveAll(services: CatalogServices): ResolvedService[] {
    const refExists = (ref: string) => services.existing.has(lower(ref));
    return services.entities
      .map(entity => {
        const systemRef = this.systemRefOf(entity);
        const system = systemRef ? services.systems.get(systemRef) : undefined;
        return this.resolveService(entity, system, refExists);
      })
      .sort(byCoverageOrder);
  }
}

/** Least supported first, then those with gaps, then by ref. */
export function byCoverageOrder(
  { coverage: a }: ResolvedService,
  { coverage: b }: ResolvedService,
): number {
  return (
    SUPPORT_ORDER[a.sreSupport] - SUPPORT_ORDER[b.sreSupport] ||
    Number(b.gaps.length > 0) - Number(a.gaps.length > 0) ||
    a.entityRef.localeCompare(b.entityRef)
  );
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
    ...(ownership.engagementUntil
      ? {
          engagementUntil: ownership.engagementUntil,
          engagementExpiry: ownership.engagementExpiry,
        }
      : {}),
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
