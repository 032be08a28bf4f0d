import { attributeSamples, newPartNonces } from './attributeSamples';
import { WindowQuerySlo } from './buildWindowQuery';

const slos: WindowQuerySlo[] = [
  {
    ref: 'slo:default/a',
    source: {
      type: 'prometheus',
      counter: true,
      good: { query: 'ok_total' },
      total: { query: 'all_total' },
    },
  },
  {
    ref: 'slo:default/b',
    source: {
      type: 'prometheus',
      counter: true,
      bad: { query: 'failed_total' },
      total: { query: 'all_total' },
    },
  },
];
const nonces = newPartNonces(slos);
const series = (
  ref: string,
  side: 'good' | 'bad' | 'total',
  value: number,
) => ({
  metric: {
    sre_slo: ref,
    sre_side: side,
    sre_nonce: nonces.get(ref)?.[side] ?? 'none',
  },
  value,
});

describe('attributeSamples', () => {
  it('gives each SLO the values of its sides; a missing side stays missing', () => {
    expect(
      attributeSamples(
        [
          series('slo:default/a', 'good', 990),
          series('slo:default/a', 'total', 1000),
          series('slo:default/b', 'total', NaN),
        ],
        nonces,
      ),
    ).toEqual({
      values: new Map([
        ['slo:default/a', { good: 990, total: 1000 }],
        ['slo:default/b', { total: NaN }],
      ]),
    });
  });

  it('gives every side of every SLO a random nonce of its own', () => {
    const all = [...nonces.values()].flatMap(n => Object.values(n));
    expect(all).toHaveLength(4);
    expect(new Set(all).size).toBe(4);
    expect(all.every(n => /^[0-9a-f]{32}$/.test(n!))).toBe(true);
    expect(Object.keys(nonces.get('slo:default/b')!).sort()).toEqual([
      'bad',
      'total',
    ]);
  });

  it.each([
    [
      'a second series of a side',
      [series('slo:default/a', 'good', 1), series('slo:default/a', 'good', 2)],
      'two series for the good side of slo:default/a',
    ],
    [
      'an SLO outside the batch',
      [series('slo:default/c', 'good', 1)],
      'a series for an SLO or a side that the query does not ask for',
    ],
    [
      'a series without labels',
      [{ metric: {}, value: 1 }],
      'a series with the labels {}',
    ],
    [
      'the nonce of another part',
      [
        {
          metric: {
            ...series('slo:default/a', 'good', 1).metric,
            sre_nonce: nonces.get('slo:default/a')!.total!,
          },
          value: 1,
        },
      ],
      "a series for the good side of slo:default/a with another nonce than that part's",
    ],
    [
      'a side the SLO does not have',
      [series('slo:default/b', 'good', 1)],
      'a series for an SLO or a side that the query does not ask for',
    ],
  ])('refuses the whole answer for %s', (_case, samples, problem) => {
    expect(attributeSamples(samples, nonces)).toEqual({ problem });
  });
});
