import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  RELATION_SRE_SUPPORTED_BY,
  SloDefinition,
  SreOwnershipConfig,
  entityRefIn,
  resolveOwnership,
} from '@sre-catalog/backstage-plugin-sre-common';
import { SloPermissionResource } from './sloPermissionRules';
import { TtlCache } from './TtlCache';

/** How long an SLO's owners and SREs are reused (like its definition for pushes). */
export const PERMISSION_RESOURCE_CACHE_MS = 60_000;

/** Only what the ownership resolution and the rule read. */
const SERVICE_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
  'spec.owner',
  'spec.system',
  'relations',
];

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * Loads SLOs as permission resources (their service's owners and SREs) with the
 * plugin's own credentials, in batches: the SLO definitions, then one catalog call
 * for all their services and one for those services' Systems. Each is reused for a
 * minute, so a conditional decision on a tick of 10,000 SLOs costs no more than
 * their definitions.
 */
export class SloPermissionResources {
  private readonly cache = new TtlCache<SloPermissionResource | undefined>(
    PERMISSION_RESOURCE_CACHE_MS,
    100_000,
  );

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      ownershipConfig?: SreOwnershipConfig;
      definitionsOf(
        sloRefs: string[],
      ): Promise<Map<string, SloDefinition | InputError | undefined>>;
    },
  ) {}

  async load(
    sloRefs: string[],
  ): Promise<Map<string, SloPermissionResource | undefined>> {
    const result = new Map<string, SloPermissionResource | undefined>();
    const missing: string[] = [];
    for (const ref of new Set(sloRefs)) {
      const hit = this.cache.peek(ref);
      if (hit) result.set(ref, hit);
      else missing.push(ref);
    }
    if (!missing.length) return result;
    const definitions = await this.deps.definitionsOf(missing);
    const serviceOf = new Map<string, string>();
    for (const [ref, definition] of definitions) {
      if (definition && !(definition instanceof Error)) {
        serviceOf.set(ref, definition.service);
      }
    }
    const services = await this.entitiesByRef([...new Set(serviceOf.values())]);
    const systems = await this.entitiesByRef([
      ...new Set(
        [...services.values()].flatMap(s => {
          const ref = entityRefIn(s, s.spec?.system, 'system');
          return ref ? [ref] : [];
        }),
      ),
    ]);
    for (const ref of missing) {
      const serviceRef = serviceOf.get(ref);
      const service = serviceRef ? services.get(serviceRef) : undefined;
      const resource =
        serviceRef && service
          ? this.resourceOf(ref, serviceRef, service, systems)
          : undefined;
      result.set(ref, resource);
      if (resource) this.cache.set(ref, resource);
    }
    return result;
  }

  private resourceOf(
    sloRef: string,
    serviceRef: string,
    service: Entity,
    systems: Map<string, Entity>,
  ): SloPermissionResource {
    const config = this.deps.ownershipConfig;
    const systemRef = entityRefIn(service, service.spec?.system, 'system');
    const ownership = resolveOwnership(service, {
      system: systemRef ? systems.get(systemRef) : undefined,
      baseline: config?.baseline ?? {},
      centralSreTeam: config?.centralSreTeam,
      platformTeam: config?.platformTeam,
    });
    const related = (type: string) =>
      (service.relations ?? [])
        .filter(r => r.type === type)
        .map(r => lower(r.targetRef));
    const owner = entityRefIn(service, service.spec?.owner, 'group');
    // The same SREs the coverage report shows for the service.
    const usesCentral = ['central', 'hybrid', 'enabling'].includes(
      ownership.engagement ?? '',
    );
    return {
      sloRef,
      serviceRef,
      ownerRefs: [
        ...new Set([...(owner ? [owner] : []), ...related(RELATION_OWNED_BY)]),
      ],
      sreRefs: [
        ...new Set([
          ...related(RELATION_SRE_SUPPORTED_BY),
          ...ownership.embeddedSres.map(lower),
          ...(ownership.centralSre && usesCentral
            ? [lower(ownership.centralSre)]
            : []),
        ]),
      ],
    };
  }

  private async entitiesByRef(refs: string[]): Promise<Map<string, Entity>> {
    const found = new Map<string, Entity>();
    if (!refs.length) return found;
    const { catalog, auth } = this.deps;
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: SERVICE_FIELDS },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    items.forEach(e => e && found.set(lower(stringifyEntityRef(e)), e));
    return found;
  }
}
