import { SharedLoads } from '../cache/SharedLoads';

/**
 * A small in-process cache of values for a short time, with concurrent look-ups of
 * the same key sharing one load. Failed loads are not kept.
 */
export class TtlCache<V> {
  private readonly values = new Map<string, { value: V; expiresAt: number }>();
  private readonly loads = new SharedLoads<V>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly clock: () => number = Date.now,
  ) {}

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const now = this.clock();
    const hit = this.values.get(key);
    if (hit && hit.expiresAt > now) return hit.value;
    return this.loads.run(key, load, value => this.set(key, value));
  }

  /**
   * The cached value of a key, if one is there and fresh; loads nothing. Many
   * look-ups in a row may pass one `now`.
   */
  peek(key: string, now: number = this.clock()): V | undefined {
    const hit = this.values.get(key);
    return hit && hit.expiresAt > now ? hit.value : undefined;
  }

  set(key: string, value: V) {
    const now = this.clock();
    if (this.values.size >= this.maxEntries) this.evict(now);
    this.values.set(key, { value, expiresAt: now + this.ttlMs });
  }

  /** Drops expired entries, and the oldest half if that is not enough. */
  private evict(now: number) {
    for (const [key, entry] of this.values) {
      if (entry.expiresAt <= now) this.values.delete(key);
    }
    if (this.values.size >= this.maxEntries) {
      let drop = Math.ceil(this.values.size / 2);
      for (const key of this.values.keys()) {
        if (drop-- <= 0) break;
        this.values.delete(key);
      }
    }
  }
}
