import fc from 'fast-check';
import { formatWindow, parseSloDuration } from './durations';

const RUNS = { numRuns: 200 };
const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

describe('parseSloDuration (properties)', () => {
  it('never throws, and what it accepts is a positive count and a known unit', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 12 }),
          fc.stringMatching(/^\s?-?\d{0,8}(\.\d)?[smhdwMQyY]?\s?$/),
        ),
        text => {
          const duration = parseSloDuration(text);
          const size =
            duration?.kind === 'fixed' ? duration.ms : duration?.count ?? 1;
          expect({ text: duration?.text ?? text, size }).toEqual({
            text,
            size: Number.isInteger(size) && size > 0 ? size : 'a whole number',
          });
        },
      ),
      RUNS,
    );
  });

  it('reads every count and unit it documents, and formatWindow writes the same length', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999_999 }),
        fc.constantFrom('s', 'm', 'h', 'd', 'w', 'M', 'Q', 'y'),
        (count, unit) => {
          const calendar = unit === 'M' || unit === 'Q' || unit === 'y';
          const text = `${count}${unit}`;
          expect(parseSloDuration(text)).toEqual(
            calendar
              ? { kind: 'calendar', unit, count, text }
              : { kind: 'fixed', ms: count * UNIT_MS[unit], text },
          );
          // formatWindow writes a fixed length in the largest unit that divides it.
          const ms = calendar ? UNIT_MS.d : count * UNIT_MS[unit];
          const [, n, u] = /^(\d+)([smhd])$/.exec(formatWindow(ms))!;
          expect(Number(n) * UNIT_MS[u]).toBe(ms);
        },
      ),
      RUNS,
    );
  });
});
