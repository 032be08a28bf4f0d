import { SloDefinition } from '@sre-catalog/backstage-plugin-sre-common';
import {
  PrometheusSliSourceSpec,
  buildWindowQuery,
  checkPrometheusSlo,
  checkSideQueries,
  promDuration,
  promReplacementString,
  sideExpression,
} from './buildWindowQuery';
import { DAY } from '../../__testUtils__/durations';

function slo(
  source: Omit<PrometheusSliSourceSpec, 'type'>,
  overrides: Partial<SloDefinition> = {},
): SloDefinition {
  return {
    ref: 'slo:default/checkout-availability',
    name: 'checkout-availability',
    namespace: 'default',
    service: 'component:default/checkout',
    format: 'openslo',
    target: 0.999,
    budgetingMethod: 'Occurrences',
    timeWindow: { kind: 'rolling', durationMs: 28 * DAY, text: '28d' },
    indicator: { source: { type: 'prometheus', ...source } },
    alertPolicies: [],
    runbookUrls: [],
    ...overrides,
  };
}

describe('promDuration', () => {
  it('writes whole seconds in the largest exact unit', () => {
    expect(promDuration(300)).toBe('5m');
    expect(promDuration(3_600)).toBe('1h');
    expect(promDuration(259_200)).toBe('3d');
    expect(promDuration(2_419_200)).toBe('28d');
    expect(promDuration(1_850_400)).toBe('514h');
    expect(promDuration(90)).toBe('90s');
    expect(promDuration(7)).toBe('7s');
  });
});

describe('sideExpression', () => {
  it('increases a counter selector over the window and sums it', () => {
    expect(sideExpression('http_requests_total{code!~"5.."}', true, 300)).toBe(
      'sum(increase(http_requests_total{code!~"5.."}[5m]))',
    );
  });

  it('substitutes every {{.window}} of a rate query and multiplies by the seconds', () => {
    expect(
      sideExpression(
        'sum(rate(a_total[{{.window}}])) + sum(rate(b_total[{{ .window }}]))',
        false,
        3_600,
      ),
    ).toBe('sum(sum(rate(a_total[1h])) + sum(rate(b_total[1h]))) * 3600');
  });

  it('treats a {{.window}} query as a rate even when it is marked as a counter (Sloth)', () => {
    expect(
      sideExpression(
        'sum(rate(http_requests_total{code=~"5.."}[{{.window}}])) by (job)',
        true,
        86_400,
      ),
    ).toBe(
      'sum(sum(rate(http_requests_total{code=~"5.."}[1d])) by (job)) * 86400',
    );
  });

  it('keeps a trailing comment from swallowing the closing parenthesis', () => {
    expect(sideExpression('rate(x[{{.window}}]) # errors', false, 60)).toBe(
      'sum(rate(x[1m]) # errors\n) * 60',
    );
  });

  it('refuses a gauge without {{.window}}', () => {
    expect(() => sideExpression('job:errors:rate5m', false, 60)).toThrow(
      /\{\{\.window\}\}/,
    );
  });

  it('refuses a query that would close the sum it is wrapped in', () => {
    expect(() =>
      sideExpression('rate(x[{{.window}}])) or vector(1', false, 60),
    ).toThrow(
      /self-contained expression: its "\)" .* closes more than it opened/,
    );
  });
});

describe('promReplacementString', () => {
  it('escapes quotes, backslashes, newlines and replacement references', () => {
    expect(promReplacementString('slo:default/a"b\\c$1\n')).toBe(
      String.raw`"slo:default/a\"b\\c$$1\n"`,
    );
  });
});

describe('buildWindowQuery', () => {
  it('unions both sides of every SLO, each labelled with the SLO and the side', () => {
    const query = buildWindowQuery(
      [
        {
          ref: 'slo:default/a',
          source: {
            type: 'prometheus',
            counter: true,
            good: { query: 'req_total{code="200"}' },
            total: { query: 'req_total' },
          },
        },
        {
          ref: 'slo:team-x/b',
          source: {
            type: 'prometheus',
            counter: true,
            bad: { query: 'sum(rate(err_total[{{.window}}]))' },
            total: { query: 'sum(rate(req_total[{{.window}}]))' },
          },
        },
      ],
      1_800,
      new Map([
        ['slo:default/a', { good: 'n1', total: 'n2' }],
        ['slo:team-x/b', { bad: 'n3', total: 'n4' }],
      ]),
    );
    let part = 0;
    const labelled = (expression: string, ref: string, side: string) =>
      `label_replace(label_replace(label_replace(${expression}, "sre_slo", "${ref}", "", ""), "sre_side", "${side}", "", ""), "sre_nonce", "n${++part}", "", "")`;
    const parts = [
      labelled(
        'sum(increase(req_total{code="200"}[30m]))',
        'slo:default/a',
        'good',
      ),
      labelled('sum(increase(req_total[30m]))', 'slo:default/a', 'total'),
      labelled('sum(sum(rate(err_total[30m]))) * 1800', 'slo:team-x/b', 'bad'),
      labelled(
        'sum(sum(rate(req_total[30m]))) * 1800',
        'slo:team-x/b',
        'total',
      ),
    ];
    // A balanced tree of `or`, not a left-deep chain.
    expect(query).toBe(
      `((${parts[0]} or ${parts[1]}) or (${parts[2]} or ${parts[3]}))`,
    );
  });

  it('refuses windows that are not whole positive seconds, and no SLOs', () => {
    const one = [
      {
        ref: 'slo:default/a',
        source: {
          type: 'prometheus' as const,
          counter: true,
          good: { query: 'a' },
          total: { query: 'b' },
        },
      },
    ];
    const nonces = new Map([['slo:default/a', { good: 'n1', total: 'n2' }]]);
    expect(() => buildWindowQuery(one, 0, nonces)).toThrow(/whole number/);
    expect(() => buildWindowQuery(one, 1.5, nonces)).toThrow(/whole number/);
    expect(() => buildWindowQuery([], 60, nonces)).toThrow(/no SLOs/);
    expect(() => buildWindowQuery(one, 60, new Map())).toThrow(
      /no nonce for the good side of slo:default\/a/,
    );
  });
});

describe('checkPrometheusSlo', () => {
  const sides = {
    counter: true,
    good: { query: 'http_requests_total{code=~"2..|3.."}' },
    total: { query: 'http_requests_total' },
  };

  it('accepts counter selectors, also with braces inside label values', () => {
    expect(checkPrometheusSlo(slo(sides))).toBeUndefined();
    expect(
      checkPrometheusSlo(
        slo({
          counter: true,
          bad: { query: '{__name__="req_total", path="/a{b}", code="500"}' },
          total: { query: 'req_total {path="/a{b}"}' },
        }),
      ),
    ).toBeUndefined();
  });

  it('refuses time slices', () => {
    expect(
      checkPrometheusSlo(
        slo(sides, {
          budgetingMethod: 'Timeslices',
          timeSliceTarget: 0.95,
          timeSliceWindowMs: 60_000,
        }),
      ),
    ).toMatch(/only Occurrences SLOs; Timeslices is not supported/);
    expect(
      checkPrometheusSlo(slo(sides, { budgetingMethod: 'RatioTimeslices' })),
    ).toMatch(/RatioTimeslices is not supported/);
  });

  it('refuses a counter expression it cannot increase, and a gauge without {{.window}}', () => {
    expect(
      checkPrometheusSlo(
        slo({ ...sides, total: { query: 'sum(http_requests_total)' } }),
      ),
    ).toMatch(/total query .* must be a counter selector/);
    expect(
      checkPrometheusSlo(
        slo({ ...sides, good: { query: 'x offset 5m' }, counter: true }),
      ),
    ).toMatch(/good query .* must be a counter selector/);
    expect(checkPrometheusSlo(slo({ ...sides, counter: false }))).toMatch(
      /not a counter \(counter: false\), so it must give its range as \{\{\.window\}\}/,
    );
  });

  it('refuses anything but two sides', () => {
    expect(
      checkPrometheusSlo(slo({ counter: true, total: { query: 'a' } })),
    ).toMatch(/exactly two of good, bad and total; .* has total/);
  });
});

describe('checkSideQueries', () => {
  const source = (good: string) => ({
    type: 'prometheus' as const,
    counter: true,
    good: { query: good },
    total: { query: 'sum(rate(req_total[{{.window}}]))' },
  });

  it('accepts self-contained queries, {{.window}} and braces in strings included', () => {
    expect(
      checkSideQueries(
        'slo:default/a',
        source('sum(rate(req_total{path=~"/a[)]"}[{{ .window }}])) # (errors'),
      ),
    ).toBeUndefined();
  });

  it('refuses a query that closes its wrapper and writes another SLO’s series, naming the SLO and the side', () => {
    const hostile =
      'rate(up[{{.window}}])) * 0 + 1e9, "sre_slo", "slo:default/victim", "", ""), "sre_side", "bad", "", "") or label_replace(label_replace(sum(rate(up[{{.window}}])';
    expect(checkSideQueries('slo:default/attacker', source(hostile))).toBe(
      'The good query of slo:default/attacker is not one self-contained PromQL expression: its ")" at "rate(up[{{.window}}])) * 0 + 1e" closes more than it opened. It is not sent: in the batch query of its source it could pass for another SLO\'s series',
    );
  });
});
