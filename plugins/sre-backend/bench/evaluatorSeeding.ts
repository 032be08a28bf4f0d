/* eslint-disable no-console */
import { DatabaseSliStore } from '../src/slos/store/DatabaseSliStore';
import { SliBucketInput, SliTickEntry } from '../src/slos/store/SliStore';
import { Db } from './benchDatabases';
import { time } from './benchTiming';

/**
 * (a) The data of N SLOs, loaded through writeTick as the push API stores it; also
 * each SLO's last minute, which the steady runs re-send as their ingest tick.
 */
export async function seedThroughWriteTick(
  db: Db,
  store: DatabaseSliStore,
  options: {
    n: number;
    bucketsOf(i: number): SliBucketInput[];
    refOf(i: number): string;
  },
) {
  const { n, refOf } = options;
  let rows = 0;
  const last: SliTickEntry[] = [];
  const [loadMs] = await time(async () => {
    const perTick = Math.max(
      1,
      Math.floor(200_000 / options.bucketsOf(0).length),
    );
    for (let i = 0; i < n; i += perTick) {
      const entries: SliTickEntry[] = [];
      for (let j = i; j < Math.min(n, i + perTick); j++) {
        const buckets = options.bucketsOf(j);
        rows += buckets.length;
        entries.push({ sloRef: refOf(j), buckets });
        last.push({ sloRef: refOf(j), buckets: buckets.slice(-1) });
      }
      await store.writeTick(entries);
      await store.applyPending();
    }
  });
  console.log(
    `    (loaded ${n} SLOs = ${(rows / 1e6).toFixed(1)} M buckets into ${
      db.name
    } through writeTick in ${(loadMs / 1000).toFixed(0)} s)`,
  );
  return { loadMs, rows, last };
}
