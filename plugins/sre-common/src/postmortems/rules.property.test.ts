import fc from 'fast-check';
import {
  POSTMORTEM_SEVERITIES,
  POSTMORTEM_STATUSES,
  POSTMORTEM_TEMPLATES,
} from './constants';
import {
  isHttpUrl,
  isIsoDate,
  isIsoDateTime,
  validatePostmortemRules,
} from './rules';

const RUNS = { numRuns: 200 };
const FIELDS = [
  'title',
  'severity',
  'startedAt',
  'detectedAt',
  'mitigatedAt',
  'resolvedAt',
  'entityRefs',
  'summary',
  'impact',
  'contributingFactors',
];

const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('', ' ', '2026-02-30T00:00:00Z', '2026-11-02T14:05:00Z'),
  fc
    .date({
      min: new Date('2000-01-01'),
      max: new Date('2030-12-31'),
      noInvalidDate: true,
    })
    .map(d => d.toISOString()),
);

describe('postmortem rules (properties)', () => {
  it('validatePostmortemRules never throws and names only known fields', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            template: fc.constantFrom(...POSTMORTEM_TEMPLATES),
            status: fc.constantFrom(...POSTMORTEM_STATUSES),
            title: text,
            severity: fc.oneof(text, fc.constantFrom(...POSTMORTEM_SEVERITIES)),
            summary: text,
            impact: text,
            startedAt: text,
            detectedAt: text,
            mitigatedAt: text,
            resolvedAt: text,
            entityRefs: fc.array(text, { maxLength: 2 }),
            contributingFactors: fc.array(text, { maxLength: 2 }),
          },
          { requiredKeys: [] },
        ),
        fc.date({ noInvalidDate: true }),
        (input, now) => {
          for (const problem of validatePostmortemRules(input, { now })) {
            expect(FIELDS).toContain(problem.field);
            expect(problem.message.length).toBeGreaterThan(0);
          }
        },
      ),
      RUNS,
    );
  });

  it('isIsoDate accepts exactly the real calendar dates', () => {
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    fc.assert(
      fc.property(
        // Date.UTC reads years 0-99 as 1900-1999; no postmortem is that old.
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const value = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
          const date = new Date(0);
          date.setUTCFullYear(y, m - 1, d);
          const real =
            date.getUTCFullYear() === y &&
            date.getUTCMonth() === m - 1 &&
            date.getUTCDate() === d;
          expect(isIsoDate(value)).toBe(real);
          expect(isIsoDateTime(`${value}T00:00:00Z`)).toBe(real);
        },
      ),
      RUNS,
    );
  });

  it('isIsoDateTime and isHttpUrl never throw, and what they accept parses', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          text,
          fc.webUrl(),
          fc.string({ unit: 'binary', maxLength: 60 }),
        ),
        value => {
          const time = isIsoDateTime(value);
          const url = isHttpUrl(value);
          expect({ value, time, url }).toEqual({
            value,
            time: time && Number.isFinite(Date.parse(value)),
            url: url && ['http:', 'https:'].includes(new URL(value).protocol),
          });
        },
      ),
      RUNS,
    );
  });
});
