import { SliBucketInput } from '../src/slos/store/SliStore';
import { median } from './benchTiming';

/**
 * The in-process floor: one plain pass over typed arrays holding, per SLO, 720
 * hourly and 72 five-minute buckets (a 30-day period's hours and the 6-hour
 * window's 5-minute steps), summing good and total. Nothing evaluates faster
 * than reading its data once. Returns the median of `runs` passes in ms.
 */
export function benchFloor(
  n: number,
  bucketsOf: (i: number) => SliBucketInput[],
  runs = 5,
): number {
  const perSlo = 720 + 72;
  const data = Array.from({ length: n }, (_, i) => {
    const buckets = bucketsOf(i);
    const flat = new Float64Array(2 * perSlo);
    for (let k = 0; k < perSlo; k++) {
      const b = buckets[k % buckets.length];
      flat[2 * k] = b.good;
      flat[2 * k + 1] = b.total;
    }
    return flat;
  });
  const times: number[] = [];
  let check = 0;
  for (let run = 0; run < runs; run++) {
    const t0 = process.hrtime.bigint();
    for (const flat of data) {
      let good = 0;
      let total = 0;
      for (let k = 0; k < flat.length; k += 2) {
        good += flat[k];
        total += flat[k + 1];
      }
      check += good / total;
    }
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  if (Number.isNaN(check)) throw new Error('floor scan read no data');
  return median(times);
}
