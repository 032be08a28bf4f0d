import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ADOPTION_STATES,
  ANNOTATION_ENGAGEMENT_UNTIL,
  ANNOTATION_OFFERINGS,
  AdopterCounts,
  AdoptionState,
  EntityOfferings,
  ExpiringEngagement,
  ExpiringEngagements,
  ListOfferingsResponse,
  OFFERING_KIND,
  Offering,
  OfferingAdopter,
  OfferingDetails,
  SreOfferingSpec,
  SreOwnershipConfig,
  engagementDaysLeft,
  engagementExpiry,
  entityRefIn,
  parseOfferingAnnotation,
  parseSreAnnotations,
  validateSreOffering,
} from '@sre-catalog/backstage-plugin-sre-common';
import { SloService } from '../slos/SloService';
import {
  ListOfferingsQuery,
  OfferingRequestOptions,
  OfferingService,
} from './OfferingService';

const lower = (s: string) => s.toLocaleLowerCase('en-US');
const refOf = (e: Entity) => lower(stringifyEntityRef(e));
const titleOf = (e: Entity | undefined): string | undefined =>
  (e?.spec?.profile as { displayName?: string } | undefined)?.displayName ??
  e?.metadata.title ??
  (e?.metadata as { displayName?: string } | undefined)?.displayName;

/** An offering entity with its validated spec. */
type OfferingEntry = { entity: Entity; spec: SreOfferingSpec };

/** Options of {@link DefaultOfferingService}. */
export type DefaultOfferingServiceOptions = {
  catalog: CatalogService;
  /** The status of an offering's own SLOs, with the caller's visibility. */
  slos: Pick<SloService, 'getStatus'>;
  /** The central SRE team of services that name none. */
  ownershipConfig: Pick<SreOwnershipConfig, 'centralSreTeam' | 'baseline'>;
  /** For tests. */
  now?: () => Date;
};

/**
 * Reads offerings and their adopters from the catalog with the caller's
 * credentials on every call, so that what the catalog hides from the caller is
 * neither listed nor counted. Offerings are few (tens); adopters are read with
 * one catalog query over the services that carry the offerings annotation.
 */
export class DefaultOfferingService implements OfferingService {
  private readonly now: () => Date;

  constructor(private readonly options: DefaultOfferingServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async listOfferings(
    query: ListOfferingsQuery,
    options: OfferingRequestOptions,
  ): Promise<ListOfferingsResponse> {
    const [entries, adopters] = await Promise.all([
      this.loadOfferings(options),
      this.loadAdopters(options),
    ]);
    const selected = entries.filter(
      ({ spec }) =>
        (!query.provider || spec.provider === query.provider) &&
        (!query.category || spec.category === query.category),
    );
    const page = selected.slice(query.offset, query.offset + query.limit);
    return {
      items: await this.describe(page, adopters, options),
      totalCount: selected.length,
    };
  }

  async getOffering(
    offeringRef: CompoundEntityRef,
    options: OfferingRequestOptions,
  ): Promise<OfferingDetails> {
    const ref = lower(stringifyEntityRef(offeringRef));
    const entity = await this.options.catalog.getEntityByRef(ref, options);
    const spec = entity && this.specOf(entity);
    if (!entity || !spec) throw new NotFoundError(`No offering ${ref}`);
    const adopters = await this.loadAdopters(options);
    const [offering] = await this.describe(
      [{ entity, spec }],
      adopters,
      options,
    );
    return {
      offering,
      adopters: [...(adopters.get(ref) ?? [])].sort(
        (a, b) =>
          ADOPTION_STATES.indexOf(a.state) - ADOPTION_STATES.indexOf(b.state) ||
          a.entityRef.localeCompare(b.entityRef),
      ),
    };
  }

  async getEntityOfferings(
    entityRef: CompoundEntityRef,
    options: OfferingRequestOptions,
  ): Promise<EntityOfferings> {
    const ref = lower(stringifyEntityRef(entityRef));
    const entity = await this.options.catalog.getEntityByRef(ref, options);
    if (!entity) throw new NotFoundError(`No entity ${ref}`);
    const uses = parseOfferingAnnotation(entity).uses;
    if (!uses.length) return { entityRef: ref, offerings: [] };
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs: uses.map(u => u.offeringRef) },
      options,
    );
    const visible: Array<{ state: AdoptionState; entry: OfferingEntry }> = [];
    uses.forEach((use, i) => {
      const found = items[i];
      const spec = found && this.specOf(found);
      if (found && spec) {
        visible.push({ state: use.state, entry: { entity: found, spec } });
      }
    });
    const adopters = await this.loadAdopters(options);
    const described = await this.describe(
      visible.map(v => v.entry),
      adopters,
      options,
    );
    return {
      entityRef: ref,
      offerings: described.map((offering, i) => ({
        state: visible[i].state,
        offering,
      })),
    };
  }

  async listExpiringEngagements(
    query: { group?: string },
    options: OfferingRequestOptions,
  ): Promise<ExpiringEngagements> {
    const now = this.now();
    const items: ExpiringEngagement[] = [];
    const add = (item: Omit<ExpiringEngagement, 'daysLeft' | 'expiry'>) => {
      const daysLeft = engagementDaysLeft(item.until, now);
      const expiry = engagementExpiry(item.until, now);
      if (
        daysLeft === undefined ||
        (expiry !== 'expiring' && expiry !== 'expired')
      ) {
        return;
      }
      if (query.group && item.team !== query.group) return;
      items.push({ ...item, daysLeft, expiry });
    };

    for (const { entity, spec } of await this.loadOfferings(options)) {
      if (!spec.interaction.until) continue;
      add({
        type: 'offering',
        entityRef: refOf(entity),
        ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
        team: spec.provider,
        current: spec.interaction.mode,
        until: spec.interaction.until,
        ...(spec.interaction.then ? { then: spec.interaction.then } : {}),
      });
    }

    const { items: services } = await this.options.catalog.getEntities(
      {
        filter: {
          kind: ['Component', 'System', 'Resource'],
          [`metadata.annotations.${ANNOTATION_ENGAGEMENT_UNTIL}`]:
            CATALOG_FILTER_EXISTS,
        },
      },
      options,
    );
    for (const service of services) {
      // Only the annotations matter here; the areas of the baseline are not read.
      const own = parseSreAnnotations(service, {
        areas: Object.keys(this.options.ownershipConfig.baseline),
      });
      if (!own.engagement || !own.engagementUntil) continue;
      const centralModels = ['central', 'hybrid'];
      const team =
        own.centralSre ??
        (centralModels.includes(own.engagement)
          ? this.options.ownershipConfig.centralSreTeam
          : undefined);
      add({
        type: 'service',
        entityRef: refOf(service),
        ...(service.metadata.title ? { title: service.metadata.title } : {}),
        ...(team ? { team: lower(team) } : {}),
        current: own.engagement,
        until: own.engagementUntil,
        ...(own.engagementThen ? { then: own.engagementThen } : {}),
      });
    }
    items.sort(
      (a, b) =>
        a.daysLeft - b.daysLeft || a.entityRef.localeCompare(b.entityRef),
    );
    return { items };
  }

  private specOf(entity: Entity): SreOfferingSpec | undefined {
    if (entity.kind !== OFFERING_KIND) return undefined;
    return validateSreOffering(entity).spec;
  }

  /** Every offering the caller can see, by title. */
  private async loadOfferings(
    options: OfferingRequestOptions,
  ): Promise<OfferingEntry[]> {
    const { items } = await this.options.catalog.getEntities(
      { filter: { kind: OFFERING_KIND } },
      options,
    );
    const entries: OfferingEntry[] = [];
    for (const entity of items) {
      const spec = this.specOf(entity);
      if (spec) entries.push({ entity, spec });
    }
    const sortKey = (e: OfferingEntry) =>
      lower(e.entity.metadata.title ?? e.entity.metadata.name);
    return entries.sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  }

  /** The services the caller can see that use an offering, by offering ref. */
  private async loadAdopters(
    options: OfferingRequestOptions,
  ): Promise<Map<string, OfferingAdopter[]>> {
    const { items } = await this.options.catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${ANNOTATION_OFFERINGS}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'metadata.annotations',
          'spec.owner',
        ],
      },
      options,
    );
    const byOffering = new Map<string, OfferingAdopter[]>();
    for (const service of items) {
      const owner = entityRefIn(service, service.spec?.owner, 'group');
      for (const use of parseOfferingAnnotation(service).uses) {
        const list = byOffering.get(use.offeringRef) ?? [];
        list.push({
          entityRef: refOf(service),
          ...(service.metadata.title ? { title: service.metadata.title } : {}),
          ...(owner ? { owner } : {}),
          state: use.state,
        });
        byOffering.set(use.offeringRef, list);
      }
    }
    return byOffering;
  }

  /** The API shape of offerings: visible refs only, SLO statuses, adopter counts. */
  private async describe(
    entries: OfferingEntry[],
    adopters: Map<string, OfferingAdopter[]>,
    options: OfferingRequestOptions,
  ): Promise<Offering[]> {
    const related = [
      ...new Set(
        entries.flatMap(({ spec }) => [
          spec.provider,
          ...spec.implementedBy,
          ...spec.slos,
        ]),
      ),
    ];
    const visible = new Map<string, Entity>();
    if (related.length) {
      const { items } = await this.options.catalog.getEntitiesByRefs(
        { entityRefs: related },
        options,
      );
      items.forEach((e, i) => {
        if (e) visible.set(related[i], e);
      });
    }
    const now = this.now();
    return Promise.all(
      entries.map(async ({ entity, spec }) => {
        const ref = refOf(entity);
        const counts: AdopterCounts = {
          requested: 0,
          onboarding: 0,
          adopted: 0,
          leaving: 0,
          total: 0,
        };
        for (const adopter of adopters.get(ref) ?? []) {
          counts[adopter.state] += 1;
          counts.total += 1;
        }
        const slos = await Promise.all(
          spec.slos
            .filter(sloRef => visible.has(sloRef))
            .map(async sloRef => {
              const status = await this.options.slos
                .getStatus(sloRef, options)
                .catch(e => {
                  // Not evaluated yet (or just removed): listed without status.
                  if (e instanceof NotFoundError) return undefined;
                  throw e;
                });
              const title = titleOf(visible.get(sloRef));
              return {
                sloRef,
                ...(title ? { title } : {}),
                ...(status ? { status } : {}),
              };
            }),
        );
        const { until } = spec.interaction;
        const expiry = until ? engagementExpiry(until, now) : undefined;
        const providerTitle = titleOf(visible.get(spec.provider));
        return {
          entityRef: ref,
          ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
          ...(entity.metadata.description
            ? { description: entity.metadata.description }
            : {}),
          provider: spec.provider,
          ...(providerTitle ? { providerTitle } : {}),
          category: spec.category,
          interaction: { ...spec.interaction, ...(expiry ? { expiry } : {}) },
          request: spec.request,
          ...(spec.officeHours ? { officeHours: spec.officeHours } : {}),
          documentation: spec.documentation,
          implementedBy: spec.implementedBy.filter(r => visible.has(r)),
          slos,
          adopters: counts,
        };
      }),
    );
  }
}
