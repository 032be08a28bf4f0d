import { RefreshAheadCache } from './RefreshAheadCache';

/** A load that resolves when told to, counting its calls. */
function controlledLoads() {
  const pending: Array<{
    resolve: (v: string) => void;
    reject: (e: Error) => void;
  }> = [];
  const load = jest.fn(
    () =>
      new Promise<string>((resolve, reject) =>
        pending.push({ resolve, reject }),
      ),
  );
  return { load, pending };
}

const flush = () => new Promise(r => setImmediate(r));

describe('RefreshAheadCache', () => {
  let now = 0;
  const cache = (maxEntries = 10) =>
    new RefreshAheadCache<string>({
      refreshAfterMs: 5_000,
      maxAgeMs: 10_000,
      maxEntries,
      clock: () => now,
    });
  beforeEach(() => {
    now = 1_000_000;
  });

  it('shares one load among concurrent look-ups and reuses its value while young', async () => {
    const c = cache();
    const { load, pending } = controlledLoads();
    const first = c.get('k', load);
    const second = c.get('k', load);
    pending[0].resolve('v1');
    await expect(Promise.all([first, second])).resolves.toEqual(['v1', 'v1']);
    now += 4_999;
    await expect(c.get('k', load)).resolves.toBe('v1');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('serves the old value while one background reload runs, then the new one', async () => {
    const c = cache();
    const { load, pending } = controlledLoads();
    const first = c.get('k', load);
    pending[0].resolve('v1');
    await first;
    now += 5_000;
    await expect(c.get('k', load)).resolves.toBe('v1');
    await expect(c.get('k', load)).resolves.toBe('v1');
    expect(load).toHaveBeenCalledTimes(2);
    pending[1].resolve('v2');
    await flush();
    await expect(c.get('k', load)).resolves.toBe('v2');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('makes a look-up wait for the reload once the value is too old to serve', async () => {
    const c = cache();
    const { load, pending } = controlledLoads();
    const first = c.get('k', load);
    pending[0].resolve('v1');
    await first;
    now += 10_000;
    let answered: string | undefined;
    const waiting = c.get('k', load).then(v => (answered = v));
    await flush();
    expect(answered).toBeUndefined();
    pending[1].resolve('v2');
    await waiting;
    expect(answered).toBe('v2');
  });

  it('counts the age from the start of the load, so that a slow load does not extend it', async () => {
    const c = cache();
    const { load, pending } = controlledLoads();
    const first = c.get('k', load);
    now += 4_000;
    pending[0].resolve('v1');
    await first;
    now += 1_000;
    c.get('k', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('keeps no failed load: a failed background reload leaves the old value until it is too old', async () => {
    const c = cache();
    const { load, pending } = controlledLoads();
    const first = c.get('k', load);
    pending[0].resolve('v1');
    await first;
    now += 6_000;
    await expect(c.get('k', load)).resolves.toBe('v1');
    pending[1].reject(new Error('catalog down'));
    await flush();
    await expect(c.get('k', load)).resolves.toBe('v1');
    pending[2].reject(new Error('catalog down'));
    await flush();
    now += 4_000;
    const waiting = c.get('k', load);
    pending[3].reject(new Error('catalog down'));
    await expect(waiting).rejects.toThrow('catalog down');
  });

  it('passes a background reload the value it replaces, and a waiting load none', async () => {
    const c = cache();
    const load = jest.fn(async (replacing?: string) => `after ${replacing}`);
    await c.get('k', load);
    now += 5_000;
    await c.get('k', load);
    await flush();
    now += 10_000;
    await c.get('k', load);
    expect(load.mock.calls).toEqual([[], ['after undefined'], []]);
  });

  it('reloads an outdated value in the background before its time', async () => {
    const c = cache();
    const { load, pending } = controlledLoads();
    const first = c.get('k', load);
    pending[0].resolve('v1');
    await first;
    await expect(c.get('k', load, v => v === 'v1')).resolves.toBe('v1');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('keeps at most maxEntries keys, dropping the least recently loaded', async () => {
    const c = cache(2);
    const load = jest.fn(async () => `v${now}`);
    await c.get('a', load);
    now += 1;
    await c.get('b', load);
    now += 1;
    await c.get('c', load);
    expect(load).toHaveBeenCalledTimes(3);
    await c.get('c', load);
    await c.get('a', load);
    expect(load).toHaveBeenCalledTimes(4);
  });
});
