import { SloDefinition } from '@sre-catalog/backstage-plugin-sre-common';
import {
  PrometheusSliSourceSpec,
  buildWindowQuery,
  checkPrometheusSlo,
  promDuration,
  promReplacementString,
  sideExpression,
} from './buildWindowQuery';

const DAY = 86_400_000;

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
    );
    const parts = [
      'label_replace(label_replace(sum(increase(req_total{code="200"}[30m])), "sre_slo", "slo:default/a", "", ""), "sre_side", "good", "", "")',
      'label_replace(label_replace(sum(increase(req_total[30m])), "sre_slo", "slo:default/a", "", ""), "sre_side", "total", "", "")',
      'label_replace(label_replace(sum(sum(rate(err_total[30m]))) * 1800, "sre_slo", "slo:team-x/b", "", ""), "sre_side", "bad", "", "")',
      'label_replace(label_replace(sum(sum(rate(req_total[30m]))) * 1800, "sre_slo", "slo:team-x/b", "", ""), "sre_side", "total", "", "")',
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
    expect(() => buildWindowQuery(one, 0)).toThrow(/whole number/);
    expect(() => buildWindowQuery(one, 1.5)).toThrow(/whole number/);
    expect(() => buildWindowQuery([], 60)).toThrow(/no SLOs/);
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
