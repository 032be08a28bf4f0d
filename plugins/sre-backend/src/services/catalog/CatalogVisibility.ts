import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { BitSet } from './BitSet';
import { principalKey } from './principalKey';

/** Refs per catalog call: batches, but bounded request bodies. */
const REFS_PER_CALL = 1000;
/** The catalog look-ups only need to know whether an entity comes back. */
const FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];

/** How a {@link CatalogVisibility} decides and remembers. */
export type CatalogVisibilityOptions = {
  /**
   * Whether a ref that the plugin's own credentials cannot find either (the entity
   * is not, or no longer, in the catalog) counts as hidden. Postmortems: no, so
   * that those of decommissioned services stay readable. SLOs: yes.
   */
  missingIsHidden: boolean;
  /**
   * Whether "hidden" answers are reused too; without it only "visible" ones are,
   * so that a new entity (or a new right to see one) counts at once. Default true.
   */
  cacheHidden?: boolean;
  /** How long a caller's answers are reused: a change of catalog permissions takes this long to apply. Default 10 s. */
  ttlMs?: number;
  /** Callers whose answers are kept at once. Default 500. */
  maxPrincipals?: number;
  /** Distinct refs numbered for the bit sets; beyond it, everything starts over. Default 200,000. */
  maxKnownRefs?: number;
  /** For tests. */
  clock?: () => number;
};

type PrincipalEntry = {
  expiresAt: number;
  generation: number;
  checked: BitSet;
  hidden: BitSet;
};

/**
 * Which entity refs the catalog hides from a caller, asked in batch calls (never
 * one call per record) with the credentials given: the caller's own, or what
 * `catalogCredentialsFor` gives once a permission decision allowed the action.
 * Answers are remembered per principal for `ttlMs`.
 *
 * Memory: at most `maxPrincipals` entries of two bits per known ref, plus one table
 * of at most `maxKnownRefs` refs shared by all of them.
 */
export class CatalogVisibility {
  private readonly refIds = new Map<string, number>();
  private readonly principals = new Map<string, PrincipalEntry>();
  private generation = 0;
  private readonly missingIsHidden: boolean;
  private readonly cacheHidden: boolean;
  private readonly ttlMs: number;
  private readonly maxPrincipals: number;
  private readonly maxKnownRefs: number;
  private readonly clock: () => number;

  constructor(
    private readonly deps: { catalog: CatalogService; auth: AuthService },
    options: CatalogVisibilityOptions,
  ) {
    this.missingIsHidden = options.missingIsHidden;
    this.cacheHidden = options.cacheHidden ?? true;
    this.ttlMs = options.ttlMs ?? 10_000;
    this.maxPrincipals = options.maxPrincipals ?? 500;
    this.maxKnownRefs = options.maxKnownRefs ?? 200_000;
    this.clock = options.clock ?? Date.now;
  }

  /** The refs among `refs` that the caller cannot see (see `missingIsHidden`). */
  async hiddenRefs(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const unique = [...new Set(refs)];
    if (!unique.length) {
      // A token with access restrictions gets the catalog's answer (usually a
      // refusal) even with nothing to ask: an empty list must not tell it which
      // of the things it names exist.
      if (
        this.deps.auth.isPrincipal(credentials, 'service') &&
        credentials.principal.accessRestrictions
      ) {
        await this.deps.catalog.getEntitiesByRefs(
          { entityRefs: [], fields: FIELDS },
          { credentials },
        );
      }
      return new Set();
    }
    const key = principalKey(this.deps.auth, credentials);
    if (!key) return this.lookUp(unique, credentials);
    const generation = this.generation;
    let ids = unique.map(ref => this.idOf(ref));
    // Numbering started over on the way: number them again, in the new table.
    if (generation !== this.generation) ids = unique.map(ref => this.idOf(ref));
    const entry = this.entryOf(key);
    const hidden = new Set<string>();
    const unchecked: number[] = [];
    unique.forEach((ref, i) => {
      if (!entry.checked.has(ids[i])) unchecked.push(i);
      else if (entry.hidden.has(ids[i])) hidden.add(ref);
    });
    if (!unchecked.length) return hidden;
    const found = await this.lookUp(
      unchecked.map(i => unique[i]),
      credentials,
    );
    for (const ref of found) hidden.add(ref);
    // Remember only if the numbering did not start over while the catalog answered.
    if (entry.generation === this.generation) {
      for (const i of unchecked) {
        const isHidden = found.has(unique[i]);
        if (isHidden && !this.cacheHidden) continue;
        entry.checked.add(ids[i]);
        if (isHidden) entry.hidden.add(ids[i]);
      }
    }
    return hidden;
  }

  /** Of `refs` (not yet known for these credentials), those hidden from them. */
  private async lookUp(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const missing = await this.missing(refs, credentials);
    if (this.missingIsHidden) return new Set(missing);
    // A service principal is forwarded as the plugin: it finds all there is.
    if (!missing.length || this.deps.auth.isPrincipal(credentials, 'service')) {
      return new Set();
    }
    const gone = new Set(
      await this.missing(
        missing,
        await this.deps.auth.getOwnServiceCredentials(),
      ),
    );
    return new Set(missing.filter(ref => !gone.has(ref)));
  }

  /** The refs the catalog does not return to these credentials. */
  private async missing(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const missing: string[] = [];
    for (let i = 0; i < refs.length; i += REFS_PER_CALL) {
      const chunk = refs.slice(i, i + REFS_PER_CALL);
      const { items } = await this.deps.catalog.getEntitiesByRefs(
        { entityRefs: chunk, fields: FIELDS },
        { credentials },
      );
      chunk.forEach((ref, j) => {
        if (!items[j]) missing.push(ref);
      });
    }
    return missing;
  }

  private entryOf(key: string): PrincipalEntry {
    const now = this.clock();
    const hit = this.principals.get(key);
    if (hit && hit.expiresAt > now && hit.generation === this.generation) {
      // Most recently used last, so that eviction drops the least recent.
      this.principals.delete(key);
      this.principals.set(key, hit);
      return hit;
    }
    this.principals.delete(key);
    if (this.principals.size >= this.maxPrincipals) this.evict(now);
    const entry: PrincipalEntry = {
      expiresAt: now + this.ttlMs,
      generation: this.generation,
      checked: new BitSet(),
      hidden: new BitSet(),
    };
    this.principals.set(key, entry);
    return entry;
  }

  /** Drops expired entries, and the least recently used half if that is not enough. */
  private evict(now: number) {
    for (const [key, entry] of this.principals) {
      if (entry.expiresAt <= now) this.principals.delete(key);
    }
    let drop =
      this.principals.size >= this.maxPrincipals
        ? Math.ceil(this.principals.size / 2)
        : 0;
    for (const key of this.principals.keys()) {
      if (drop-- <= 0) break;
      this.principals.delete(key);
    }
  }

  private idOf(ref: string): number {
    let id = this.refIds.get(ref);
    if (id === undefined) {
      if (this.refIds.size >= this.maxKnownRefs) {
        this.refIds.clear();
        this.principals.clear();
        this.generation += 1;
      }
      id = this.refIds.size;
      this.refIds.set(ref, id);
    }
    return id;
  }
}
