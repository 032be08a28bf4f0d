import { SliBucketInput, SliTickEntry, SliceSpec } from '../store/SliStore';

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

/**
 * The entries of a pending row's JSON array of {@link encodePendingEntry} values.
 * Throws when the text is not such an array (a row written by hand or damaged):
 * such a row can never apply.
 */
export function decodePendingEntries(json: string): SliTickEntry[] {
  const rows: unknown = JSON.parse(json);
  if (!Array.isArray(rows)) {
    throw new TypeError('the pending payload is not an array of SLO entries');
  }
  return rows.map((row: unknown, i) => {
    if (!Array.isArray(row) || row.length !== 4 || !Array.isArray(row[3])) {
      throw new TypeError(
        `entry ${i} of the pending payload is not [sloRef, sliceMs, sliceTarget, buckets]`,
      );
    }
    const [sloRef, sliceMs, sliceTarget, flat] = row as [
      string,
      number | null,
      number | null,
      number[],
    ];
    const buckets: SliBucketInput[] = [];
    for (let k = 0; k + 3 < flat.length; k += 4) {
      buckets.push({
        startMs: flat[k],
        seconds: flat[k + 1],
        good: flat[k + 2],
        total: flat[k + 3],
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

/** The longest SLO ref a table of the store holds. */
const MAX_REF_LENGTH = 255;

/**
 * The SLO refs a pending payload names, readable or not: of the entries when it
 * decodes, else every quoted `slo:` ref in its text (a best effort, so that a
 * damaged push still shows on its SLOs and to those who may see them).
 */
export function sloRefsOfPending(json: string): string[] {
  let refs: unknown[];
  try {
    refs = decodePendingEntries(json).map(e => e.sloRef);
  } catch {
    refs = [...json.matchAll(/"(slo:[^"\\]{1,255})"/g)].map(m => m[1]);
  }
  return [
    ...new Set(
      refs.filter(
        (r): r is string =>
          typeof r === 'string' && r.length > 0 && r.length <= MAX_REF_LENGTH,
      ),
    ),
  ];
}
