import { DAY, HOUR, MIN } from '../../__testUtils__/durations';
import { checkSelfContained } from './checkSelfContained';
import {
  attributeSlothSamples,
  buildSlothQuery,
  countsFromErrorRatio,
  slothDuration,
  slothKey,
  slothSeriesName,
} from './slothRecordingRules';

/** The regex of a selector built by buildSlothQuery, as Prometheus reads it. */
function regexOf(query: string): string {
  const match = /^[a-z_:0-9]+\{sloth_id=~("(?:[^"\\]|\\.)*")\}$/.exec(query);
  if (!match) throw new Error(`not one selector: ${query}`);
  return JSON.parse(match[1]);
}

function series(
  labels: Record<string, string>,
  value: number,
): { metric: Record<string, string>; value: number } {
  return {
    metric: {
      __name__: 'slo:sli_error:ratio_rate5m',
      sloth_window: '5m',
      ...labels,
    },
    value,
  };
}

const checkout = { id: 'checkout-avail', service: 'checkout', slo: 'avail' };
const payments = { id: 'payments-avail', service: 'payments', slo: 'avail' };
const labelsOf = (rules: typeof checkout) => ({
  sloth_id: rules.id,
  sloth_service: rules.service,
  sloth_slo: rules.slo,
});

/** Windows (in milliseconds, like every test's times) and Sloth's names of them. */
const WINDOW_NAMES: Array<[number, string]> = [
  [5 * MIN, '5m'],
  [30 * MIN, '30m'],
  [HOUR, '1h'],
  [2 * HOUR, '2h'],
  [6 * HOUR, '6h'],
  [DAY, '1d'],
  [3 * DAY, '3d'],
  [30 * DAY, '30d'],
  // Prometheus' duration text uses weeks and years only when they divide it.
  [28 * DAY, '4w'],
  [7 * DAY, '1w'],
  [14 * DAY, '2w'],
  [90 * DAY, '90d'],
  [365 * DAY, '1y'],
  [HOUR + 30 * MIN, '1h30m'],
  [8 * DAY + 90_000, '8d1m30s'],
];

describe('Sloth recording rule names', () => {
  it.each(
    WINDOW_NAMES.map(([ms, text]): [number, string] => [ms / 1000, text]),
  )('names a window of %i s %s, as Sloth does', (seconds, text) => {
    expect(slothDuration(seconds)).toBe(text);
    expect(slothSeriesName(seconds)).toBe(`slo:sli_error:ratio_rate${text}`);
  });
});

describe('buildSlothQuery', () => {
  it('selects the series of every ID in one selector', () => {
    expect(
      buildSlothQuery('slo:sli_error:ratio_rate5m', [
        'payments-avail',
        'checkout-avail',
        'checkout-avail',
      ]),
    ).toBe(
      'slo:sli_error:ratio_rate5m{sloth_id=~"checkout-avail|payments-avail"}',
    );
  });

  it('keeps hostile IDs literal: they neither end the string nor widen the match', () => {
    const hostile = [
      'a"} or vector(1) or up{x="',
      '.*',
      'b|c',
      'd\\"e',
      'f\nup',
      'g)(?:h',
    ];
    const query = buildSlothQuery('slo:sli_error:ratio_rate5m', hostile);

    expect(checkSelfContained(query)).toBeUndefined();
    const regex = new RegExp(`^(?:${regexOf(query)})$`);
    // Each ID matches itself and nothing else of the set.
    for (const id of hostile) expect(regex.test(id)).toBe(true);
    for (const other of ['anything', 'b', 'c', 'd"e', 'vector(1)', 'g)']) {
      expect(regex.test(other)).toBe(false);
    }
  });

  it('refuses a series name that is not a metric name', () => {
    expect(() => buildSlothQuery('up) or vector(1', ['a-b'])).toThrow(
      'is not a metric name',
    );
    expect(() => buildSlothQuery('slo:sli_error:ratio_rate5m', [])).toThrow(
      'no Sloth IDs',
    );
  });
});

describe('attributeSlothSamples', () => {
  const attribute = (samples: ReturnType<typeof series>[]) =>
    attributeSlothSamples(samples, 'slo:sli_error:ratio_rate5m', '5m');

  it('gives each SLO the value of the series carrying its three labels', () => {
    const ratios = attribute([
      series(labelsOf(checkout), 0.01),
      series({ ...labelsOf(payments), owner: 'team-b', tier: '1' }, 0.2),
    ]);
    expect(ratios).toEqual(
      new Map([
        [slothKey(checkout), 0.01],
        [slothKey(payments), 0.2],
      ]),
    );
  });

  it('attributes nothing to an SLO from series with hostile label values', () => {
    const ratios = attribute([
      // An alternation, a pattern and an injection are only strange strings here.
      series(
        {
          sloth_id: `${checkout.id}|${payments.id}`,
          sloth_service: 'checkout',
          sloth_slo: 'avail',
        },
        0.9,
      ),
      series({ sloth_id: '.*', sloth_service: '.*', sloth_slo: '.*' }, 0.9),
      series(
        {
          sloth_id: 'checkout-avail"} or vector(1',
          sloth_service: 'checkout',
          sloth_slo: 'avail',
        },
        0.9,
      ),
      // The right ID with another service or SLO is another Sloth SLO.
      series({ ...labelsOf(checkout), sloth_service: 'payments' }, 0.9),
      series({ ...labelsOf(checkout), sloth_slo: 'latency' }, 0.9),
      // Another window's or another rule's series under the same labels.
      series({ ...labelsOf(checkout), sloth_window: '1h' }, 0.9),
      series(
        { ...labelsOf(checkout), __name__: 'slo:current_burn_rate:ratio' },
        0.9,
      ),
      // No sloth_service at all.
      {
        metric: { sloth_id: checkout.id, sloth_slo: checkout.slo },
        value: 0.9,
      },
    ]);
    expect(ratios.get(slothKey(checkout))).toBeUndefined();
    expect(ratios.get(slothKey(payments))).toBeUndefined();
    expect(
      ratios.get(
        slothKey({
          id: `${checkout.id}|${payments.id}`,
          service: 'checkout',
          slo: 'avail',
        }),
      ),
    ).toBe(0.9);
  });

  it('gives no value to an SLO with two series that disagree, and keeps one that agrees', () => {
    const ratios = attribute([
      series({ ...labelsOf(checkout), replica: 'a' }, 0.01),
      series({ ...labelsOf(checkout), replica: 'b' }, 0.02),
      series({ ...labelsOf(checkout), replica: 'c' }, 0.01),
      series({ ...labelsOf(payments), replica: 'a' }, NaN),
      series({ ...labelsOf(payments), replica: 'b' }, NaN),
    ]);
    expect(ratios.has(slothKey(checkout))).toBe(false);
    expect(ratios.get(slothKey(payments))).toBeNaN();
  });

  it('accepts series without the optional window and name labels', () => {
    expect(
      attribute([{ metric: labelsOf(checkout), value: 0.5 }]).get(
        slothKey(checkout),
      ),
    ).toBe(0.5);
  });
});

describe('countsFromErrorRatio', () => {
  it('is one event, the ratio of it bad; no data for 0/0 and infinities', () => {
    expect(countsFromErrorRatio(0.25)).toEqual({ good: 0.75, total: 1 });
    expect(countsFromErrorRatio(0)).toEqual({ good: 1, total: 1 });
    expect(countsFromErrorRatio(NaN)).toEqual({ good: 0, total: 0 });
    expect(countsFromErrorRatio(Infinity)).toEqual({ good: 0, total: 0 });
    expect(countsFromErrorRatio(1.2)).toEqual({ good: 0, total: 1 });
    expect(countsFromErrorRatio(-0.1)).toEqual({ good: 1, total: 1 });
  });
});
