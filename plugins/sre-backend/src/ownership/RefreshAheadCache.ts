import { SharedLoads } from '../cache/SharedLoads';

/** How a {@link RefreshAheadCache} ages its values. */
export type RefreshAheadCacheOptions = {
  /** From this age on, a look-up still gets the value but starts a reload. */
  refreshAfterMs: number;
  /** From this age on, a look-up waits for a reload: the bound on how old a value served can be. */
  maxAgeMs: number;
  /** Keys kept at once. */
  maxEntries: number;
  /** For tests. */
  clock?: () => number;
};

type Entry<V> = { value: V; loadedAt: number };

/**
 * An in-process cache whose busy keys never make a caller wait for a reload: a
 * value between `refreshAfterMs` and `maxAgeMs` old is served while one reload
 * runs in the background. Concurrent look-ups of a key share one load. A value's
 * age counts from the start of the load that produced it, so that `maxAgeMs` bounds
 * the age of the data read. A failed load is not kept: a failed background reload
 * leaves the old value until it is too old, and the next waiting load tells the error.
 */
export class RefreshAheadCache<V> {
  private readonly values = new Map<string, Entry<V>>();
  private readonly loads = new SharedLoads<V>();
  private readonly clock: () => number;

  constructor(private readonly options: RefreshAheadCacheOptions) {
    this.clock = options.clock ?? Date.now;
  }

  /**
   * The value of `key`, loaded by `load` when there is none young enough;
   * `isOutdated` marks a value to reload (in the background) before its time. A
   * background reload passes `load` the value it replaces (still served meanwhile).
   */
  async get(
    key: string,
    load: (replacing?: V) => Promise<V>,
    isOutdated?: (value: V) => boolean,
  ): Promise<V> {
    const hit = this.values.get(key);
    if (hit) {
      const age = this.clock() - hit.loadedAt;
      if (age < this.options.maxAgeMs) {
        if (age >= this.options.refreshAfterMs || isOutdated?.(hit.value)) {
          this.reload(key, () => load(hit.value)).catch(() => {
            // Kept: the old value, until it is too old to serve.
          });
        }
        return hit.value;
      }
    }
    return this.reload(key, () => load());
  }

  private reload(key: string, load: () => Promise<V>): Promise<V> {
    // The age of what a new load brings counts from now, its start.
    const loadedAt = this.clock();
    return this.loads.run(key, load, value =>
      this.store(key, { value, loadedAt }),
    );
  }

  private store(key: string, entry: Entry<V>) {
    // Oldest first in the map, so that eviction drops the least recently loaded.
    this.values.delete(key);
    if (this.values.size >= this.options.maxEntries) this.evict();
    this.values.set(key, entry);
  }

  /** Drops values too old to serve, and the oldest half if that is not enough. */
  private evict() {
    const now = this.clock();
    for (const [key, entry] of this.values) {
      if (now - entry.loadedAt >= this.options.maxAgeMs)
        this.values.delete(key);
    }
    if (this.values.size < this.options.maxEntries) return;
    let drop = Math.ceil(this.values.size / 2);
    for (const key of this.values.keys()) {
      if (drop-- <= 0) break;
      this.values.delete(key);
    }
  }
}
