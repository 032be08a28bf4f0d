import { BucketSliData } from '../BucketSliData';
import { PrefixColumns, SliBucket } from './prefixColumns';
import { SliceTally, tallySlices } from './timeSlices';
import { TieredSliData } from './tieredSliData';

const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = Date.UTC(2026, 10, 22, 12, 30);
const CUT = Date.UTC(2026, 10, 20, 9);
const slice = { sliceMs: 5 * MIN, sliceTarget: 0.95 };

/** Ten days of minutes with a pattern of errors, and their hourly rollups. */
function data() {
  const minutes: SliBucket[] = [];
  for (let t = NOW - 10 * 24 * HOUR; t < NOW; t += MIN) {
    const bad = (t / MIN) % 97 < 9 ? 12 : (t / MIN) % 3;
    minutes.push({ startMs: t, good: 100 - bad, total: 100 });
  }
  const hours: Array<SliBucket & SliceTally> = [];
  for (
    let h = Math.floor(minutes[0].startMs / HOUR) * HOUR;
    h < NOW;
    h += HOUR
  ) {
    const inHour = minutes.filter(m => m.startMs >= h && m.startMs < h + HOUR);
    hours.push({
      startMs: h,
      good: inHour.reduce((s, m) => s + m.good, 0),
      total: inHour.reduce((s, m) => s + m.total, 0),
      ...tallySlices(inHour, slice),
    });
  }
  return { minutes, hours };
}

describe('TieredSliData', () => {
  const { minutes, hours } = data();
  const tiered = TieredSliData.ofSeries({ minutes, hours }, CUT, slice);
  const flat = new BucketSliData(minutes, MIN, slice);

  it.each([
    ['a window inside the fine tier', NOW - 6 * HOUR],
    ['a window that starts on an hour before the cut', CUT - 30 * HOUR],
    [
      'the whole data from its first whole hour',
      NOW - 10 * 24 * HOUR + 30 * MIN,
    ],
  ])('sums events like the flat minutes for %s', (_name, from) => {
    expect(tiered.events(from, NOW)).toEqual(flat.events(from, NOW));
  });

  it('counts a window that starts mid-hour before the cut from the next whole hour', () => {
    const from = CUT - 30 * HOUR - 20 * MIN;
    expect(tiered.events(from, NOW)).toEqual(flat.events(CUT - 30 * HOUR, NOW));
  });

  it('counts slices like the flat minutes across the cut', () => {
    const from = CUT - 30 * HOUR;
    const a = tiered.slices(from, NOW);
    const b = flat.slices(from, NOW);
    expect(a.good).toBe(b.good);
    expect(a.bad).toBe(b.bad);
    expect(a.empty).toBe(b.empty);
    expect(a.ratioSum).toBeCloseTo(b.ratioSum, 9);
  });

  it('counts slices like the flat minutes in a window that ends before the cut', () => {
    // A past incident window: whole hours, all of them before the cut.
    const from = CUT - 50 * HOUR;
    const to = CUT - 47 * HOUR;
    const a = tiered.slices(from, to);
    const b = flat.slices(from, to);
    expect(a.good + a.bad).toBe(36);
    expect(a.good).toBe(b.good);
    expect(a.bad).toBe(b.bad);
    expect(a.empty).toBe(b.empty);
    expect(a.ratioSum).toBeCloseTo(b.ratioSum, 9);
  });

  it('ignores hourly rollups after the cut and fine buckets before it', () => {
    const onlyHours = TieredSliData.ofSeries({ minutes: [], hours }, CUT);
    expect(onlyHours.events(NOW - HOUR, NOW)).toEqual({ good: 0, total: 0 });
    const onlyMinutes = TieredSliData.ofSeries({ minutes, hours: [] }, CUT);
    expect(onlyMinutes.events(CUT - 2 * HOUR, CUT)).toEqual({
      good: 0,
      total: 0,
    });
  });

  it('reads 5-minute sums between the two cuts', () => {
    const recent = CUT + 24 * HOUR;
    const fiveMinutes = new PrefixColumns(2);
    for (let t = CUT; t < recent; t += 5 * MIN) {
      const inFive = minutes.filter(
        m => m.startMs >= t && m.startMs < t + 5 * MIN,
      );
      fiveMinutes.upsert(
        [
          t,
          inFive.reduce((s, m) => s + m.good, 0),
          inFive.reduce((s, m) => s + m.total, 0),
        ],
        0,
      );
    }
    const three = new TieredSliData(
      {
        hours: PrefixColumns.ofBuckets(hours, { beforeMs: CUT }),
        fiveMinutes,
        minutes: PrefixColumns.ofBuckets(minutes, { fromMs: recent }),
      },
      { minutesFromMs: CUT, recentFromMs: recent },
    );
    for (const from of [CUT - 30 * HOUR, CUT + HOUR, recent + HOUR]) {
      expect(three.events(from, NOW)).toEqual(flat.events(from, NOW));
    }
    expect(() => three.slices(CUT, NOW)).toThrow(/without a slice/);
  });
});
