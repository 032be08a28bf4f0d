import { Knex } from 'knex';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { DatabaseSliCacheSnapshots } from './DatabaseSliCacheSnapshots';
import { DatabaseSliStore } from '../store/DatabaseSliStore';
import { SliCache } from './SliCache';
import { recentCut, tierCut } from '../sliTiers';
import {
  hoursThenFiveMinutes,
  newLateAndBackfilled,
} from '../__testUtils__/hoursThenFiveMinutes';
import { sliStoreOn } from '../__testUtils__/sliStoreOn';
import { DAY, HOUR, MIN } from '../../__testUtils__/durations';

const WINDOWS = [5 * MIN, 30 * MIN, HOUR, 6 * HOUR, DAY, 3 * DAY, 4 * DAY];

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('SliCache snapshots on %s', id => {
  const now = Math.floor(Date.now() / HOUR) * HOUR - 5 * MIN;
  const cut = tierCut(now);
  const range = { minutesFromMs: cut, recentFromMs: recentCut(now) };
  const refs = ['slo:default/a', 'slo:default/b', 'slo:default/c'];
  const slosOf = (list: string[]) =>
    list.map(ref => ({ ref, hoursFromMs: now - 6 * DAY, slices: false }));

  /**
   * A store with data, and a cache that read it all and stored its snapshot
   * (`first`, whose windows are as of the snapshot).
   */
  async function snapshotted(knex: Knex) {
    const store = await sliStoreOn(knex);
    await store.writeTick(hoursThenFiveMinutes(refs, now));
    await store.applyPending();
    const snapshots = new DatabaseSliCacheSnapshots(knex);
    const first = new SliCache(store, Date.now, snapshots);
    expect(await first.refresh(slosOf(refs), range)).toBe('full');
    expect(await first.saveSnapshot()).toBeGreaterThan(0);
    return { store, snapshots, first };
  }

  /** A cache that read everything, without snapshots, to compare with. */
  async function freshCache(store: DatabaseSliStore, list: string[]) {
    const fresh = new SliCache(store);
    expect(await fresh.refresh(slosOf(list), range)).toBe('full');
    return fresh;
  }

  /** Every window of every SLO, as one cache answers them. */
  const windowsOf = (cache: SliCache, list: string[]) =>
    list.map(ref => WINDOWS.map(w => cache.dataOf(ref).events(now - w, now)));

  it('restarts from the snapshot of a full read and picks up what was written since', async () => {
    const { store, snapshots, first } = await snapshotted(
      await databases.init(id),
    );
    // Stored once per full read.
    expect(await first.saveSnapshot()).toBeUndefined();

    // After the snapshot: a new minute, a late 5-minute bucket (read whole), an
    // hourly backfill, minutes replacing a 5-minute bucket (a reset), a new SLO.
    await store.writeTick([
      ...newLateAndBackfilled(refs, now),
      {
        sloRef: refs[2],
        buckets: [
          { startMs: now - 4 * MIN, seconds: 60, good: 60, total: 60 },
          { startMs: now - 3 * MIN, seconds: 60, good: 10, total: 60 },
        ],
      },
      {
        sloRef: 'slo:default/d',
        buckets: [{ startMs: now - MIN, seconds: 60, good: 1, total: 2 }],
      },
    ]);
    await store.applyPending();
    const all = [...refs, 'slo:default/d'];

    // Restarted minutes later: the writes are older than a refresh's overlap,
    // so only a read from the snapshot's time on finds them.
    const restarted = new SliCache(
      store,
      () => Date.now() + 5 * MIN,
      snapshots,
    );
    expect(await restarted.refresh(slosOf(all), range)).toBe('restored');
    const fresh = await freshCache(store, all);
    expect(windowsOf(restarted, all)).toEqual(windowsOf(fresh, all));
    // The writes are in it, not just the snapshot's numbers.
    expect(windowsOf(restarted, all)).not.toEqual(windowsOf(first, all));
    expect(restarted.held(refs[0])).toEqual(fresh.held(refs[0]));
  }, 60_000);

  it('reads everything instead when the snapshot is too old, ahead of the range or unreadable', async () => {
    const knex = await databases.init(id);
    const { store, snapshots } = await snapshotted(knex);

    // Older than the period of full reads: one is due anyway.
    const later = () => Date.now() + 7 * HOUR;
    expect(
      await new SliCache(store, later, snapshots).refresh(slosOf(refs), range),
    ).toBe('full');
    // Taken with a later tier cut than asked for: the tiers only move forward.
    expect(
      await new SliCache(store, Date.now, snapshots).refresh(slosOf(refs), {
        minutesFromMs: cut - HOUR,
        recentFromMs: range.recentFromMs,
      }),
    ).toBe('full');

    await knex('sre_sli_cache_snapshots')
      .where({ slo_ref: refs[1] })
      .update({ data: Buffer.from('not a snapshot') });
    const afterDamage = new SliCache(store, Date.now, snapshots);
    expect(await afterDamage.refresh(slosOf(refs), range)).toBe('full');
    const fresh = await freshCache(store, refs);
    expect(windowsOf(afterDamage, refs)).toEqual(windowsOf(fresh, refs));
  }, 60_000);

  it('replaces the stored snapshot whole', async () => {
    const knex = await databases.init(id);
    const { store, snapshots } = await snapshotted(knex);
    // An earlier tier cut than the snapshot's: read whole, then stored.
    const second = new SliCache(store, Date.now, snapshots);
    expect(
      await second.refresh(slosOf(refs.slice(0, 1)), {
        ...range,
        minutesFromMs: cut - HOUR,
      }),
    ).toBe('full');
    expect(await second.saveSnapshot()).toBeGreaterThan(0);
    const rows = await knex('sre_sli_cache_snapshots').select(
      'slo_ref',
      'minutes_from',
    );
    expect(rows.map(r => [r.slo_ref, Number(r.minutes_from)])).toEqual([
      [refs[0], cut - HOUR],
    ]);
  }, 60_000);
});

describe('DatabaseSliStore.cacheSnapshots', () => {
  it('keeps no snapshots on an in-memory SQLite database, which a restart loses', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await sliStoreOn(knex);
    expect(store.cacheSnapshots).toBeUndefined();
  });
});
