/**
 * The loads of an in-process cache, by key: concurrent look-ups of a key share the
 * one load running for it. A load is forgotten once it settles, so a failed one is
 * not kept and the next look-up starts again.
 */
export class SharedLoads<V> {
  private readonly running = new Map<string, Promise<V>>();

  /**
   * The load of `key` already running, or `load()` started now; `keep` gets its
   * value (to store it) before any caller does.
   */
  run(
    key: string,
    load: () => Promise<V>,
    keep: (value: V) => void,
  ): Promise<V> {
    const pending = this.running.get(key);
    if (pending) return pending;
    const promise = load().then(
      value => {
        this.running.delete(key);
        keep(value);
        return value;
      },
      error => {
        this.running.delete(key);
        throw error;
      },
    );
    this.running.set(key, promise);
    return promise;
  }
}
