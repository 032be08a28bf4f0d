import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { TtlCache } from './TtlCache';

/** The least the catalog can answer with: whether the entity is there. */
const VISIBILITY_FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];

/** Who is asking, as a cache key; undefined when there is no one to name. */
export function principalKey(
  credentials: BackstageCredentials,
): string | undefined {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return `user:${principal.userEntityRef}`;
  }
  if (principal.type === 'service' && principal.subject) {
    return `service:${principal.subject}`;
  }
  return undefined;
}

/** Callers whose answers are kept at once; the least recent is dropped first. */
const MAX_PRINCIPALS = 100;

/**
 * Which entities a caller can see, asked of the catalog with the caller's own
 * credentials in one batch call per look-up (only the refs not cached), and reused
 * per caller and ref for a short time: a change of catalog permissions takes that
 * long to apply. Bounded: at most MAX_PRINCIPALS callers, each with at most
 * `maxEntries` refs.
 */
export class CatalogVisibility {
  private readonly byPrincipal = new Map<string, TtlCache<boolean>>();
  private readonly cacheHidden: boolean;

  constructor(
    private readonly catalog: CatalogService,
    private readonly options: {
      ttlMs: number;
      maxEntries?: number;
      /**
       * Whether "hidden" is reused too; without it only "visible" is, so that a
       * new entity (or a new right to see one) counts at once.
       */
      cacheHidden?: boolean;
    },
  ) {
    this.cacheHidden = options.cacheHidden ?? true;
  }

  /** The refs (lower case) the caller cannot see, or that are not in the catalog. */
  async hiddenOf(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const cache = this.cacheOf(principalKey(credentials));
    const hidden = new Set<string>();
    const missing: string[] = [];
    const now = Date.now();
    // No Set of the refs: a push's are distinct, and a repeat costs one look-up.
    for (const ref of refs) {
      const visible = cache?.peek(ref, now);
      if (visible === undefined) missing.push(ref);
      else if (!visible) hidden.add(ref);
    }
    if (!missing.length) return hidden;
    const unique = [...new Set(missing)];
    const { items } = await this.catalog.getEntitiesByRefs(
      { entityRefs: unique, fields: VISIBILITY_FIELDS },
      { credentials },
    );
    unique.forEach((ref, i) => {
      const visible = Boolean(items[i]);
      if (!visible) hidden.add(ref);
      if (cache && (visible || this.cacheHidden)) cache.set(ref, visible);
    });
    return hidden;
  }

  /** The cache of one caller, made on first use; none for an unnamed caller. */
  private cacheOf(principal: string | undefined) {
    if (principal === undefined) return undefined;
    let cache = this.byPrincipal.get(principal);
    if (cache) {
      // Most recently used last, so that the first is the one to drop.
      this.byPrincipal.delete(principal);
    } else {
      cache = new TtlCache<boolean>(
        this.options.ttlMs,
        this.options.maxEntries ?? 100_000,
      );
      if (this.byPrincipal.size >= MAX_PRINCIPALS) {
        this.byPrincipal.delete(this.byPrincipal.keys().next().value!);
      }
    }
    this.byPrincipal.set(principal, cache);
    return cache;
  }
}
