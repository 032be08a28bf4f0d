import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CatalogVisibility } from '../catalog/CatalogVisibility';
import { principalKey } from '../catalog/principalKey';
import {
  OwnershipResolver,
  ResolvedService,
  byCoverageOrder,
  lower,
  refOf,
} from './OwnershipResolver';
import { RefreshAheadCache } from './RefreshAheadCache';

/** How long the roll-ups' data is reused. */
export type OwnershipRollupCacheOptions = {
  /**
   * The catalog-wide resolution (read with the plugin's own credentials): reloaded
   * in the background from this age on (default 30 s), never served older than
   * `catalogMaxAgeMs` (default 2 min).
   */
  catalogRefreshAfterMs?: number;
  catalogMaxAgeMs?: number;
  /**
   * What one caller may see of it: reloaded in the background from this age on
   * (default 5 s), never served older than `callerMaxAgeMs` (default 10 s, the time
   * a change of catalog permissions takes to apply, as in the other lists).
   */
  callerRefreshAfterMs?: number;
  callerMaxAgeMs?: number;
  /** Callers whose views are kept at once. Default 500. */
  maxCallers?: number;
  /** For tests. */
  clock?: () => number;
};

/** The whole catalog, resolved as the plugin sees it. */
type CatalogSnapshot = {
  services: ResolvedService[];
  /** Per service (same index): the refs whose visibility its resolution reads. */
  dependsOn: string[][];
  /** The config's teams, which every resolution reads. */
  configured: string[];
  /** Every ref a caller's view needs an answer for, for one batch visibility check. */
  refs: string[];
  /** Refs that exist: the Users and Groups found, and every service-like entity. */
  existing: Set<string>;
  systems: Map<string, Entity>;
  /** Every Group, by lower-case ref. */
  groups: Map<string, Entity>;
};

/** What one caller sees of the catalog-wide data. */
export type OwnershipRollup = {
  /** Every service-like entity the caller can see, resolved, in coverage order. */
  services: ResolvedService[];
  /**
   * The Groups of the data by lower-case ref: the entity, or undefined when the
   * caller cannot see it. A Group newer than the data is not there.
   */
  groups: Map<string, Entity | undefined>;
};

type CallerView = OwnershipRollup & { snapshot: CatalogSnapshot };

const SNAPSHOT_KEY = 'catalog';

/**
 * The data of the coverage and team roll-ups, which read every service of the
 * catalog (and a team's Group): resolved once for the whole catalog with the
 * plugin's own credentials, then narrowed per caller to what the caller's
 * credentials can see, asked in batch calls through {@link CatalogVisibility}. A
 * service or Group the caller cannot see is left out; a service whose System, or a
 * User or Group it names, the caller cannot see is resolved again without it, as a
 * resolution with the caller's own reads would.
 *
 * Freshness: catalog changes show after at most `catalogMaxAgeMs` (usually
 * `catalogRefreshAfterMs` plus one reload), permission changes after at most
 * `callerMaxAgeMs`. Busy callers never wait for a reload.
 */
export class OwnershipRollupCache {
  private readonly snapshots: RefreshAheadCache<CatalogSnapshot>;
  private readonly views: RefreshAheadCache<CallerView>;
  private readonly visibility: CatalogVisibility;

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      resolver: OwnershipResolver;
    },
    options: OwnershipRollupCacheOptions = {},
  ) {
    const callerRefreshAfterMs = options.callerRefreshAfterMs ?? 5_000;
    this.snapshots = new RefreshAheadCache({
      refreshAfterMs: options.catalogRefreshAfterMs ?? 30_000,
      maxAgeMs: options.catalogMaxAgeMs ?? 120_000,
      maxEntries: 1,
      clock: options.clock,
    });
    this.views = new RefreshAheadCache({
      refreshAfterMs: callerRefreshAfterMs,
      maxAgeMs: options.callerMaxAgeMs ?? 10_000,
      maxEntries: options.maxCallers ?? 500,
      clock: options.clock,
    });
    // Its answers live as long as a view is fresh, so that a view's reload asks again.
    this.visibility = new CatalogVisibility(deps, {
      missingIsHidden: true,
      ttlMs: callerRefreshAfterMs,
      maxPrincipals: options.maxCallers ?? 500,
      clock: options.clock,
    });
  }

  /** What the caller can see of the catalog-wide data. */
  async rollupFor(credentials: BackstageCredentials): Promise<OwnershipRollup> {
    const snapshot = await this.snapshots.get(SNAPSHOT_KEY, () =>
      this.loadSnapshot(),
    );
    const key = principalKey(this.deps.auth, credentials);
    if (!key) return this.viewOf(snapshot, credentials);
    const view = await this.views.get(
      key,
      async () =>
        // The newest snapshot at the time of the reload, not the one it replaces.
        this.viewOf(
          await this.snapshots.get(SNAPSHOT_KEY, () => this.loadSnapshot()),
          credentials,
        ),
      // A newer snapshot: reload the view in the background, serve this one meanwhile.
      v => v.snapshot !== snapshot,
    );
    return view;
  }

  private async loadSnapshot(): Promise<CatalogSnapshot> {
    const { resolver, auth } = this.deps;
    const credentials = await auth.getOwnServiceCredentials();
    const [read, groupList] = await Promise.all([
      resolver.readServices(credentials),
      resolver.readGroups(credentials),
    ]);
    const services = resolver.resolveAll(read);
    const existing = new Set(read.existing);
    const refs = new Set<string>(resolver.configuredRefs());
    const groups = new Map(groupList.map(g => [refOf(g), g]));
    for (const ref of groups.keys()) {
      existing.add(ref);
      refs.add(ref);
    }
    const dependsOn = services.map(({ entity, ownership }) => {
      existing.add(ownership.entityRef);
      refs.add(ownership.entityRef);
      const systemRef = resolver.systemRefOf(entity);
      const system = systemRef ? read.systems.get(systemRef) : undefined;
      const depends = [
        ...(systemRef ? [systemRef] : []),
        ...resolver.referencedRefsOf(entity),
        ...(system ? resolver.referencedRefsOf(system) : []),
      ].map(lower);
      depends.forEach(r => refs.add(r));
      return depends;
    });
    return {
      services,
      dependsOn,
      configured: resolver.configuredRefs(),
      refs: [...refs],
      existing,
      systems: read.systems,
      groups,
    };
  }

  private async viewOf(
    snapshot: CatalogSnapshot,
    credentials: BackstageCredentials,
  ): Promise<CallerView> {
    const hidden = await this.visibility.hiddenRefs(snapshot.refs, credentials);
    const groups = new Map<string, Entity | undefined>();
    for (const [ref, group] of snapshot.groups) {
      groups.set(ref, hidden.has(ref) ? undefined : group);
    }
    if (!hidden.size) return { snapshot, services: snapshot.services, groups };
    // Hidden from the caller, though there: what a read with its credentials misses.
    const unseen = (ref: string) =>
      hidden.has(ref) && snapshot.existing.has(ref);
    const refExists = (ref: string) =>
      snapshot.existing.has(lower(ref)) && !hidden.has(lower(ref));
    const allAffected = snapshot.configured.some(unseen);
    let resolvedAgain = false;
    const services: ResolvedService[] = [];
    snapshot.services.forEach((service, i) => {
      if (hidden.has(service.ownership.entityRef)) return;
      if (!allAffected && !snapshot.dependsOn[i].some(unseen)) {
        services.push(service);
        return;
      }
      const { resolver } = this.deps;
      const systemRef = resolver.systemRefOf(service.entity);
      const system =
        systemRef && !hidden.has(systemRef)
          ? snapshot.systems.get(systemRef)
          : undefined;
      services.push(resolver.resolveService(service.entity, system, refExists));
      resolvedAgain = true;
    });
    if (resolvedAgain) services.sort(byCoverageOrder);
    return { snapshot, services, groups };
  }
}
