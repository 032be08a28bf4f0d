import fc from 'fast-check';
import {
  ALLOWED_BUCKET_SECONDS,
  MAX_CLOCK_SKEW_MS,
  parseSloPush,
} from './SloEventsValidator';
import { acceptedOrField, verdict } from '../../__testUtils__/parseVerdict';
import { replaceOneValue } from '../../__testUtils__/replaceOneValue';

const NOW_MS = Date.UTC(2026, 11, 2, 12, 0, 0);
const OPTIONS = { nowMs: NOW_MS, oldestFineMs: NOW_MS - 8 * 86_400_000 };
const RUNS = { numRuns: 200 };

/** Every field the validator may name: `body`, `bucketSeconds`, `buckets[3].good`... */
const FIELD =
  /^Invalid (body|bucketSeconds|replace|buckets(\[\d+\](\.(start|good|total))?)?): \S/;

const ACCEPTED_OR_FIELD = acceptedOrField(FIELD);

/** An instant written as ISO-8601 in a given offset, in the forms clients send. */
function writeInstant(
  ms: number,
  offsetMinutes: number,
  form: 'minutes' | 'seconds' | 'fraction',
  zone: 'Z' | 'colon' | 'plain',
): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString();
  const time = {
    minutes: local.slice(0, 16),
    seconds: local.slice(0, 19),
    fraction: local.slice(0, 23),
  }[form];
  if (offsetMinutes === 0 && zone === 'Z') return `${time}Z`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${time}${sign}${hh}${zone === 'plain' ? '' : ':'}${mm}`;
}

const instantForm = fc.record({
  offsetMinutes: fc.oneof(
    fc.constant(0),
    fc.integer({ min: -48, max: 56 }).map(q => q * 15),
  ),
  form: fc.constantFrom('minutes', 'seconds', 'fraction' as const),
  zone: fc.constantFrom('Z', 'colon', 'plain' as const),
});

const count = fc.oneof(fc.nat({ max: 1000 }), fc.maxSafeNat());

/** A valid push and the buckets it must turn into. */
const validPush = fc
  .constantFrom(...ALLOWED_BUCKET_SECONDS)
  .chain(seconds => {
    const sizeMs = seconds * 1000;
    const last = Math.floor((NOW_MS + MAX_CLOCK_SKEW_MS) / sizeMs);
    // Whole hours may reach back a year; finer buckets only to oldestFineMs.
    const first =
      seconds >= 3600
        ? last - 24 * 400
        : Math.ceil(OPTIONS.oldestFineMs / sizeMs);
    return fc.record({
      seconds: fc.constant(seconds),
      omitSeconds: fc.boolean(),
      buckets: fc.uniqueArray(
        fc.record({
          slot: fc.integer({ min: first, max: last }),
          form: instantForm,
          counts: fc
            .tuple(count, count)
            .map(([a, b]) => (a <= b ? [a, b] : [b, a])),
        }),
        { minLength: 1, maxLength: 30, selector: b => b.slot },
      ),
    });
  })
  .map(({ seconds, omitSeconds, buckets }) => {
    const expected = buckets.map(b => ({
      startMs: b.slot * seconds * 1000,
      seconds,
      good: b.counts[0],
      total: b.counts[1],
    }));
    const body: Record<string, unknown> = {
      buckets: buckets.map((b, i) => ({
        start: writeInstant(
          expected[i].startMs,
          b.form.offsetMinutes,
          b.form.form,
          b.form.zone,
        ),
        good: b.counts[0],
        total: b.counts[1],
      })),
    };
    if (!(omitSeconds && seconds === 60)) body.bucketSeconds = seconds;
    return { body, expected };
  });

/** Values a JSON body may hold anywhere, biased towards the shapes the schema checks. */
const jsonish = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(-1, 1.5, -0, 2 ** 53, 1e308, '', '0', 'NaN', true, null),
  fc.string({ unit: 'binary', maxLength: 60 }),
);

describe('parseSloPush (properties)', () => {
  it('refuses arbitrary JSON with an InputError naming the field', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.record(
            { bucketSeconds: jsonish, buckets: jsonish, replace: jsonish },
            { requiredKeys: [] },
          ),
          fc.record({
            buckets: fc.array(
              fc.dictionary(
                fc.constantFrom('start', 'good', 'total', 'extra'),
                jsonish,
              ),
              { maxLength: 5 },
            ),
          }),
        ),
        body => {
          expect(verdict(() => parseSloPush(body, OPTIONS).buckets)).toMatch(
            ACCEPTED_OR_FIELD,
          );
        },
      ),
      RUNS,
    );
  });

  it('accepts valid pushes and returns their buckets normalised to instants', () => {
    fc.assert(
      fc.property(validPush, ({ body, expected }) => {
        expect(parseSloPush(body, OPTIONS).buckets).toEqual(expected);
      }),
      RUNS,
    );
  });

  it('meets a valid push with one value replaced either by the same buckets or an InputError', () => {
    fc.assert(
      fc.property(
        validPush,
        fc.nat(),
        jsonish,
        fc.boolean(),
        ({ body }, target, value, remove) => {
          const mutated = replaceOneValue(body, target, value, remove);
          expect(verdict(() => parseSloPush(mutated, OPTIONS).buckets)).toMatch(
            ACCEPTED_OR_FIELD,
          );
        },
      ),
      RUNS,
    );
  });

  it('names the one bucket that breaks a rule', () => {
    const breakers = {
      good: (b: Record<string, unknown>) => ({
        ...b,
        good: Number(b.total) + 1,
      }),
      future: (b: Record<string, unknown>) => ({
        ...b,
        start: '2099-01-01T00:00:00Z',
      }),
      misaligned: (b: Record<string, unknown>) => ({
        ...b,
        start: String(b.start).replace(/T(\d\d):(\d\d)/, 'T$1:$2:07'),
      }),
      unknown: (b: Record<string, unknown>) => ({ ...b, extra: 1 }),
      notATime: (b: Record<string, unknown>) => ({ ...b, start: 'yesterday' }),
    };
    const fields: Record<keyof typeof breakers, string> = {
      good: '.good',
      future: '.start',
      misaligned: '.start',
      unknown: '',
      notATime: '.start',
    };
    fc.assert(
      fc.property(
        validPush,
        fc.nat(),
        fc.constantFrom(
          ...(Object.keys(breakers) as (keyof typeof breakers)[]),
        ),
        ({ body }, pick, how) => {
          const buckets = body.buckets as Record<string, unknown>[];
          const i = pick % buckets.length;
          // `misaligned` only applies where the time has no seconds yet.
          fc.pre(
            how !== 'misaligned' ||
              /T\d\d:\d\d[Z+-]/.test(String(buckets[i].start)),
          );
          fc.pre(
            how !== 'good' ||
              Number(buckets[i].total) < Number.MAX_SAFE_INTEGER,
          );
          const broken = {
            ...body,
            buckets: buckets.map((b, j) => (j === i ? breakers[how](b) : b)),
          };
          const read = verdict(() => parseSloPush(broken, OPTIONS).buckets);
          const field = `buckets[${i}]${fields[how]}`.replace(
            /[[\].]/g,
            '\\$&',
          );
          expect(read).toMatch(new RegExp(`^Invalid ${field}: `));
        },
      ),
      RUNS,
    );
  });

  it('refuses a bucket sent twice, in whatever form its instant is written', () => {
    fc.assert(
      fc.property(validPush, instantForm, ({ body, expected }, form) => {
        const buckets = body.buckets as Record<string, unknown>[];
        const again = {
          ...buckets[0],
          start: writeInstant(
            expected[0].startMs,
            form.offsetMinutes,
            form.form,
            form.zone,
          ),
        };
        const read = verdict(
          () =>
            parseSloPush({ ...body, buckets: [...buckets, again] }, OPTIONS)
              .buckets,
        );
        expect(read).toMatch(
          new RegExp(
            `^Invalid buckets\\[${buckets.length}\\]\\.start: .* appears twice`,
          ),
        );
      }),
      RUNS,
    );
  });

  it('keeps the replace flag, and refuses buckets older than the retention by name', () => {
    fc.assert(
      fc.property(
        validPush,
        fc.option(fc.boolean(), { nil: undefined }),
        fc.nat(),
        ({ body, expected }, replace, pick) => {
          const withFlag = replace === undefined ? body : { ...body, replace };
          // The retention starts just after one of the buckets.
          const cut = expected[pick % expected.length].startMs + 1;
          const oldest = expected.findIndex(b => b.startMs < cut);
          const read = verdict(() =>
            parseSloPush(withFlag, { ...OPTIONS, oldestMs: cut }),
          );
          expect(read).toMatch(
            new RegExp(
              `^Invalid buckets\\[${oldest}\\]\\.start: .* older than`,
            ),
          );
          expect(parseSloPush(withFlag, { ...OPTIONS, oldestMs: 0 })).toEqual({
            buckets: expected,
            replace: replace ?? false,
          });
        },
      ),
      RUNS,
    );
  });

  // An accepted start must mean the instant it spells: Date.parse rolls
  // 2026-02-30 over to March 2, which a client's bug would store silently.
  it('accepts a start only when it is a real calendar date and time', () => {
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    fc.assert(
      fc.property(
        fc.integer({ min: 2025, max: 2026 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 0, max: 23 }),
        (year, month, day, hour) => {
          const start = `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:00Z`;
          let startMs = Number.NaN;
          const read = verdict(() => {
            [{ startMs }] = parseSloPush(
              { bucketSeconds: 3600, buckets: [{ start, good: 1, total: 1 }] },
              OPTIONS,
            ).buckets;
          });
          // Refused by name, or read as exactly the instant it spells.
          const spelt =
            read === 'accepted'
              ? new Date(startMs).toISOString().slice(0, 16)
              : read;
          expect(spelt).toMatch(
            new RegExp(
              `^(${start.slice(0, 16)}$|Invalid buckets\\[0\\]\\.start: )`,
            ),
          );
        },
      ),
      RUNS,
    );
  });
});
