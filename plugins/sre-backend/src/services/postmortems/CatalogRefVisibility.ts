import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** Refs per catalog call: batches, but bounded request bodies. */
const REFS_PER_CALL = 1000;
/** The catalog answer is reused for this long per principal. */
const DEFAULT_TTL_MS = 10_000;
/** Principals whose answers are kept (each a few bits per known ref). */
const DEFAULT_MAX_PRINCIPALS = 500;
/** Distinct refs numbered for the bit sets; beyond it, everything starts over. */
const MAX_KNOWN_REFS = 200_000;
/** The catalog look-ups only need to know whether an entity comes back. */
const FIELDS = ['metadata.name'];

/** A growable set of small integers. */
class Bits {
  private bytes = new Uint8Array(64);

  has(i: number): boolean {
    return (this.bytes[i >> 3] ?? 0) & (1 << (i & 7)) ? true : false;
  }

  add(i: number) {
    if (i >> 3 >= this.bytes.length) {
      const grown = new Uint8Array(
        Math.max(this.bytes.length * 2, (i >> 3) + 1),
      );
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[i >> 3] |= 1 << (i & 7);
  }
}

type PrincipalEntry = {
  expiresAt: number;
  generation: number;
  checked: Bits;
  hidden: Bits;
};

/**
 * Which entity refs the catalog hides from a caller, asked with the caller's own
 * credentials in batch calls (never one call per record), and remembered per
 * principal for a few seconds. A ref the caller cannot see is hidden only when the
 * entity exists (the plugin's own credentials find it): an entity that left the
 * catalog hides nothing, so that postmortems of decommissioned services stay
 * readable.
 *
 * Memory: at most `maxPrincipals` entries of two bits per known ref, plus one table of
 * at most MAX_KNOWN_REFS refs shared by all of them.
 */
export class CatalogRefVisibility {
  private readonly refIds = new Map<string, number>();
  private readonly principals = new Map<string, PrincipalEntry>();
  private generation = 0;
  private readonly ttlMs: number;
  private readonly maxPrincipals: number;
  private readonly clock: () => number;

  constructor(
    private readonly deps: { catalog: CatalogService; auth: AuthService },
    options: {
      ttlMs?: number;
      maxPrincipals?: number;
      clock?: () => number;
    } = {},
  ) {
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.maxPrincipals = options.maxPrincipals ?? DEFAULT_MAX_PRINCIPALS;
    this.clock = options.clock ?? Date.now;
  }

  /** The refs among `refs` that exist in the catalog but that the caller cannot see. */
  async hiddenRefs(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const unique = [...new Set(refs)];
    const key = this.principalKey(credentials);
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
        entry.checked.add(ids[i]);
        if (found.has(unique[i])) entry.hidden.add(ids[i]);
      }
    }
    return hidden;
  }

  /** Of `refs` (not yet known for this caller), those hidden from the caller. */
  private async lookUp(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const missing = await this.missing(refs, credentials);
    if (!missing.length) return new Set();
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

  /** Whose answers these are; undefined (nothing kept) for other principals. */
  private principalKey(credentials: BackstageCredentials): string | undefined {
    const { auth } = this.deps;
    if (auth.isPrincipal(credentials, 'user')) {
      return `user:${credentials.principal.userEntityRef}`;
    }
    if (auth.isPrincipal(credentials, 'service')) {
      return `service:${credentials.principal.subject}`;
    }
    return undefined;
  }

  private entryOf(key: string): PrincipalEntry {
    const now = this.clock();
    const hit = this.principals.get(key);
    if (hit && hit.expiresAt > now && hit.generation === this.generation) {
      return hit;
    }
    this.principals.delete(key);
    if (this.principals.size >= this.maxPrincipals) this.evict(now);
    const entry: PrincipalEntry = {
      expiresAt: now + this.ttlMs,
      generation: this.generation,
      checked: new Bits(),
      hidden: new Bits(),
    };
    this.principals.set(key, entry);
    return entry;
  }

  /** Drops expired entries, and the oldest half if that is not enough. */
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
      if (this.refIds.size >= MAX_KNOWN_REFS) {
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
