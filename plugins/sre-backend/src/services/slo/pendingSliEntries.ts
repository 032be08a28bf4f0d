import { SliBucketInput, SliTickEntry, SliceSpec } from './SliStore';

/**
 * One SLO of a pending push as stored JSON: `[sloRef, sliceMs | null, sliceTarget |
 * null, [start, seconds, good, total, ...]]`. Flat numbers keep a push of 10,000
 * SLOs a fast stringify and a small row.
 */
export function encodePendingEntry(
  sloRef: string,
  buckets: SliBucketInput[],
  slice: SliceSpec | undefined,
): string {
  const flat: number[] = new Array(buckets.length * 4);
  buckets.forEach((b, i) => {
    flat[i * 4] = b.startMs;
    flat[i * 4 + 1] = b.seconds;
    flat[i * 4 + 2] = b.good;
    flat[i * 4 + 3] = b.total;
  });
  return JSON.stringify([
    sloRef,
    slice?.sliceMs ?? null,
    slice?.sliceTarget ?? null,
    flat,
  ]);
}

/** The entries of a pending row's JSON array of {@link encodePendingEntry} values. */
export function decodePendingEntries(json: string): SliTickEntry[] {
  const rows = JSON.parse(json) as Array<
    [string, number | null, number | null, number[]]
  >;
  return rows.map(([sloRef, sliceMs, sliceTarget, flat]) => {
    const buckets: SliBucketInput[] = [];
    for (let i = 0; i + 3 < flat.length; i += 4) {
      buckets.push({
        startMs: flat[i],
        seconds: flat[i + 1],
        good: flat[i + 2],
        total: flat[i + 3],
      });
    }
    return {
      sloRef,
      buckets,
      slice:
        sliceMs === null ? undefined : { sliceMs, sliceTarget: sliceTarget! },
    };
  });
}
