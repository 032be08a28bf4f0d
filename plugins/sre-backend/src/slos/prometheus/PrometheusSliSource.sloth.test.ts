import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  BURN_RATE_WINDOWS,
  SloDefinition,
  SlothRecordingRules,
} from '@sre-catalog/backstage-plugin-sre-common';
import { PrometheusSliSource } from './PrometheusSliSource';
import { evaluatePrometheusSlo } from './evaluatePrometheusSlo';
import { prometheusSlo, rollingDays } from './__testUtils__/prometheusSlo';
import { DAY } from '../../__testUtils__/durations';

const NOW = Date.UTC(2026, 10, 22, 10, 0);
const A = 'http://prometheus-a.test';

const BURN_NAMES = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'];

const slo = (
  name: string,
  sloth: SlothRecordingRules | undefined,
  overrides: Partial<SloDefinition> = {},
) =>
  prometheusSlo(
    name,
    {
      bad: { query: `req_total{slo="${name}",code="500"}` },
      total: { query: `req_total{slo="${name}"}` },
      ...(sloth ? { sloth } : {}),
    },
    { format: 'sloth', timeWindow: rollingDays(30), ...overrides },
  );

const rules = (service: string, name: string): SlothRecordingRules => ({
  id: `${service}-${name}`,
  service,
  slo: name,
});

/** A recording rule series as Prometheus returns it. */
type RuleSeries = { labels: Record<string, string>; value: string };

/** A rule series of `rules` for every window in `windows`, all with `value`. */
function ruleSeries(
  sloth: SlothRecordingRules,
  windows: string[],
  value: string | ((window: string) => string),
  extra: Record<string, string> = {},
): Array<[string, RuleSeries]> {
  return windows.map(window => [
    window,
    {
      labels: {
        sloth_id: sloth.id,
        sloth_service: sloth.service,
        sloth_slo: sloth.slo,
        sloth_window: window,
        owner: 'team-a',
        ...extra,
      },
      value: typeof value === 'function' ? value(window) : value,
    },
  ]);
}

const SLOTH_QUERY =
  /^slo:sli_error:ratio_rate(\w+)\{sloth_id=~("(?:[^"\\]|\\.)*")\}$/;
const RAW_PART =
  /label_replace\(label_replace\(label_replace\(sum\(increase\(req_total\{slo="([^"]+)"(,code="500")?\}\[(\w+)\]\)\), "sre_slo", "((?:[^"\\]|\\.)*)", "", ""\), "sre_side", "(bad|total)", "", ""\), "sre_nonce", "([0-9a-f]+)", "", ""\)/g;

type Seen = { sloth: Array<{ window: string; regex: string }>; raw: string[] };

/**
 * A Prometheus holding Sloth rule series (selected like Prometheus does: the
 * anchored regex on sloth_id) and raw counters where each SLO has a 1% error
 * ratio (`bad` 10 of `total` 1000) in every window. `slothAnswer` may replace
 * the answer to a Sloth query.
 */
function fakePrometheus(
  series: Array<[string, RuleSeries]>,
  seen: Seen,
  slothAnswer?: (window: string) => Response | undefined,
) {
  return http.post(`${A}/api/v1/query`, async ({ request }) => {
    const form = new URLSearchParams(await request.text());
    const query = form.get('query')!;
    const time = Number(form.get('time'));
    const sloth = SLOTH_QUERY.exec(query);
    if (sloth) {
      const [, window, quoted] = sloth;
      const regex = JSON.parse(quoted) as string;
      seen.sloth.push({ window, regex });
      const replaced = slothAnswer?.(window);
      if (replaced) return replaced;
      const matcher = new RegExp(`^(?:${regex})$`);
      return HttpResponse.json({
        status: 'success',
        data: {
          resultType: 'vector',
          result: series
            .filter(([w, s]) => w === window && matcher.test(s.labels.sloth_id))
            .map(([, s]) => ({
              metric: {
                __name__: `slo:sli_error:ratio_rate${window}`,
                ...s.labels,
              },
              value: [time, s.value],
            })),
        },
      });
    }
    const parts = [...query.matchAll(RAW_PART)];
    if (!parts.length) throw new Error(`unexpected query ${query}`);
    for (const [, name, , window] of parts) seen.raw.push(`${name}@${window}`);
    return HttpResponse.json({
      status: 'success',
      data: {
        resultType: 'vector',
        result: parts.map(([, , , , ref, side, nonce]) => ({
          metric: {
            sre_slo: JSON.parse(`"${ref}"`),
            sre_side: side,
            sre_nonce: nonce,
          },
          value: [time, side === 'bad' ? '10' : '1000'],
        })),
      },
    });
  });
}

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function createSource(logger?: any) {
  return PrometheusSliSource.create({
    sources: {
      sources: [{ name: 'a', baseUrl: A, headers: {}, timeoutMs: 5_000 }],
      defaultName: 'a',
    },
    logger,
  });
}

async function statusOf(
  source: PrometheusSliSource,
  slos: SloDefinition[],
  ref: string,
) {
  const result = await source.fetchWindows(slos, NOW);
  const fetched = result.slos.get(ref)!;
  if (!fetched.ok) throw new Error(fetched.error);
  return evaluatePrometheusSlo(
    slos.find(s => s.ref === ref)!,
    fetched.data,
    NOW,
  );
}

describe('PrometheusSliSource with Sloth recording rules', () => {
  const checkout = rules('checkout', 'availability');
  const payments = rules('payments', 'availability');

  it('reads every window of all Sloth SLOs with one query per series name, and no raw query', async () => {
    const seen: Seen = { sloth: [], raw: [] };
    server.use(
      fakePrometheus(
        [
          // 2% errors in the burn windows, 0.5% over the period.
          ...ruleSeries(checkout, BURN_NAMES, '0.02'),
          ...ruleSeries(checkout, ['30d'], '0.005'),
          ...ruleSeries(payments, BURN_NAMES, '0.001'),
          ...ruleSeries(payments, ['4w'], '0.002'),
        ],
        seen,
      ),
    );
    const slos = [
      slo('checkout', checkout),
      slo('payments', payments, {
        timeWindow: { kind: 'rolling', durationMs: 28 * DAY, text: '28d' },
      }),
    ];
    const source = createSource();

    const result = await source.fetchWindows(slos, NOW);

    expect(seen.raw).toEqual([]);
    expect(seen.sloth.map(q => q.window).sort()).toEqual(
      [...BURN_NAMES, '30d', '4w'].sort(),
    );
    expect(seen.sloth.find(q => q.window === '5m')!.regex).toBe(
      'checkout-availability|payments-availability',
    );
    expect(seen.sloth.find(q => q.window === '30d')!.regex).toBe(
      'checkout-availability',
    );
    expect(result.sources.get('a')).toEqual({ ok: true });

    const fetched = result.slos.get(slos[0].ref)!;
    if (!fetched.ok) throw new Error(fetched.error);
    const status = evaluatePrometheusSlo(slos[0], fetched.data, NOW);
    expect(status.hasData).toBe(true);
    expect(status.sli).toBeCloseTo(0.995, 12);
    expect(status.errorBudgetRemaining).toBeCloseTo(0.5, 12);
    for (const w of BURN_RATE_WINDOWS) {
      expect(status.burnRates[w]).toBeCloseTo(2, 12);
    }
    expect(status.alert).toBe('ticket'); // 3d and 6h burn faster than 1
    // Ratios carry no event counts.
    expect(status.budget).toEqual({
      unit: 'events',
      allowed: null,
      consumed: null,
    });

    const payment = await statusOf(source, slos, slos[1].ref);
    expect(payment.sli).toBeCloseTo(0.998, 12);
    expect(payment.burnRates['1h']).toBeCloseTo(0.1, 12);
  });

  it('reads from the raw counters only the windows without a rule series, and only for that SLO', async () => {
    const seen: Seen = { sloth: [], raw: [] };
    server.use(
      fakePrometheus(
        [
          ...ruleSeries(
            checkout,
            BURN_NAMES.filter(w => w !== '6h'),
            '0.02',
          ),
          ...ruleSeries(checkout, ['30d'], '0.005'),
          ...ruleSeries(payments, BURN_NAMES, '0.001'),
        ],
        seen,
      ),
    );
    const slos = [
      slo('checkout', checkout),
      slo('payments', payments),
      slo('plain', undefined),
    ];

    const source = createSource();
    const result = await source.fetchWindows(slos, NOW);

    expect(seen.sloth).toHaveLength(8);
    // Only Sloth SLOs are in the rule queries.
    expect(seen.sloth.every(q => !q.regex.includes('plain'))).toBe(true);
    expect(new Set(seen.raw)).toEqual(
      new Set([
        'checkout@6h',
        'payments@30d',
        ...[...BURN_NAMES, '30d'].map(w => `plain@${w}`),
      ]),
    );
    const evaluate = (s: SloDefinition) => {
      const fetched = result.slos.get(s.ref)!;
      if (!fetched.ok) throw new Error(fetched.error);
      return evaluatePrometheusSlo(s, fetched.data, NOW);
    };

    const mixed = evaluate(slos[0]);
    expect(mixed.burnRates['6h']).toBeCloseTo(1, 12); // raw: 10 of 1000
    expect(mixed.burnRates['5m']).toBeCloseTo(2, 12); // rule: 2%
    expect(mixed.budget.allowed).toBeNull(); // the period is a rule's ratio

    // The period came from raw counts: the budget has its events again.
    const rawPeriod = evaluate(slos[1]);
    expect(rawPeriod.sli).toBeCloseTo(0.99, 12);
    expect(rawPeriod.budget).toEqual({
      unit: 'events',
      allowed: expect.closeTo(10, 9),
      consumed: 10,
    });
    expect(rawPeriod.burnRates['1h']).toBeCloseTo(0.1, 12);

    expect(evaluate(slos[2]).budget.consumed).toBe(10);
  });

  it('attributes a series only to the SLO whose three Sloth labels it carries, whatever the others hold', async () => {
    const seen: Seen = { sloth: [], raw: [] };
    const victim = rules('victim', 'availability');
    // Raw counters only; the rule series come from the handler below.
    server.use(fakePrometheus([], seen));
    // Prometheus would apply the regex; answer with every series anyway, as a
    // proxy or another rule set might: the hostile ones must still be ignored.
    // A rule of another Sloth SLO with a sloth_id that, read as a pattern, would
    // match the victim's; the victim's ID under another service; another metric.
    server.use(
      http.post(`${A}/api/v1/query`, async ({ request }) => {
        const query = new URLSearchParams(await request.clone().text()).get(
          'query',
        )!;
        const match = SLOTH_QUERY.exec(query);
        if (!match) return undefined;
        seen.sloth.push({ window: match[1], regex: JSON.parse(match[2]) });
        const window = match[1];
        const all = [
          ...ruleSeries(victim, [window], '0.001'),
          ...ruleSeries(
            {
              id: 'victim-availability|.*',
              service: 'victim',
              slo: 'availability',
            },
            [window],
            '1',
          ),
          ...ruleSeries(
            { id: victim.id, service: 'attacker', slo: 'availability' },
            [window],
            '1',
          ),
          ...ruleSeries(victim, [window], '1', { __name__: 'up' }),
        ];
        return HttpResponse.json({
          status: 'success',
          data: {
            resultType: 'vector',
            result: all.map(([, s]) => ({
              metric: s.labels,
              value: [NOW / 1000, s.value],
            })),
          },
        });
      }),
    );
    const slos = [slo('victim', victim)];

    const status = await statusOf(createSource(), slos, slos[0].ref);

    expect(seen.sloth.every(q => q.regex === 'victim-availability')).toBe(true);
    expect(status.sli).toBeCloseTo(0.999, 12);
    expect(status.burnRates['5m']).toBeCloseTo(0.1, 12);
    expect(seen.raw).toEqual([]);
  });

  it('reads a window from raw when two rule series of the SLO disagree', async () => {
    const seen: Seen = { sloth: [], raw: [] };
    server.use(
      fakePrometheus(
        [
          ...ruleSeries(checkout, [...BURN_NAMES, '30d'], '0.02', {
            cmd: 'a',
          }),
          ...ruleSeries(checkout, ['1h'], '0.5', { cmd: 'b' }),
          ...ruleSeries(checkout, ['2h'], '0.02', { cmd: 'b' }),
        ],
        seen,
      ),
    );
    const slos = [slo('checkout', checkout)];

    const status = await statusOf(createSource(), slos, slos[0].ref);

    expect(seen.raw).toEqual(['checkout@1h', 'checkout@1h']);
    expect(status.burnRates['1h']).toBeCloseTo(1, 12);
    expect(status.burnRates['2h']).toBeCloseTo(2, 12);
  });

  it('keeps a NaN ratio (no events) as no data instead of asking raw', async () => {
    const seen: Seen = { sloth: [], raw: [] };
    server.use(
      fakePrometheus(
        [
          ...ruleSeries(checkout, BURN_NAMES, w => (w === '5m' ? 'NaN' : '0')),
          ...ruleSeries(checkout, ['30d'], '0'),
        ],
        seen,
      ),
    );
    const slos = [slo('checkout', checkout)];

    const status = await statusOf(createSource(), slos, slos[0].ref);

    expect(seen.raw).toEqual([]);
    expect(status.burnRates['5m']).toBeNull();
    expect(status.burnRates['30m']).toBe(0);
    expect(status.sli).toBe(1);
  });

  it('reads the windows of a rule query that Prometheus rejects from raw, and says so in the log', async () => {
    const seen: Seen = { sloth: [], raw: [] };
    server.use(
      fakePrometheus(
        ruleSeries(checkout, [...BURN_NAMES, '30d'], '0.02'),
        seen,
        window =>
          window === '3d'
            ? HttpResponse.json(
                {
                  status: 'error',
                  errorType: 'bad_data',
                  error: 'invalid regular expression',
                },
                { status: 400 },
              )
            : undefined,
      ),
    );
    const warn = jest.fn();
    const slos = [slo('checkout', checkout)];

    const status = await statusOf(
      createSource({ warn, debug: jest.fn() }),
      slos,
      slos[0].ref,
    );

    expect(seen.raw).toEqual(['checkout@3d', 'checkout@3d']);
    expect(status.burnRates['3d']).toBeCloseTo(1, 12);
    expect(status.burnRates['1d']).toBeCloseTo(2, 12);
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Prometheus source a rejected the query of slo:sli_error:ratio_rate3d; its windows are read from the SLIs',
      ),
    );
  });

  it('fails all SLOs of the source as source-unavailable (the evaluator keeps their last values) when a rule query finds it down', async () => {
    const seen: Seen = { sloth: [], raw: [] };
    server.use(
      fakePrometheus(
        ruleSeries(checkout, [...BURN_NAMES, '30d'], '0.02'),
        seen,
        () =>
          HttpResponse.json(
            {
              status: 'error',
              errorType: 'unavailable',
              error: 'overloaded',
            },
            { status: 503 },
          ),
      ),
    );
    const slos = [slo('checkout', checkout), slo('plain', undefined)];

    const result = await createSource().fetchWindows(slos, NOW);

    expect(seen.raw).toEqual([]);
    expect(result.sources.get('a')).toEqual({
      ok: false,
      error: 'Prometheus source a answered 503 (unavailable): overloaded',
    });
    for (const s of slos) {
      expect(result.slos.get(s.ref)).toMatchObject({
        ok: false,
        reason: 'source-unavailable',
      });
    }
  });

  it('reads a calendar period from raw: Sloth records rolling periods only', async () => {
    const seen: Seen = { sloth: [], raw: [] };
    server.use(fakePrometheus(ruleSeries(checkout, BURN_NAMES, '0.02'), seen));
    const slos = [
      slo('checkout', checkout, {
        timeWindow: {
          kind: 'calendar',
          unit: 'M',
          count: 1,
          startTime: '2026-01-01T00:00:00',
          timeZone: 'UTC',
          text: '1M',
        },
      }),
    ];

    const status = await statusOf(createSource(), slos, slos[0].ref);

    expect(seen.sloth.map(q => q.window).sort()).toEqual(
      [...BURN_NAMES].sort(),
    );
    // 21 days and 10 hours since 1 November.
    expect(seen.raw).toEqual(['checkout@514h', 'checkout@514h']);
    expect(status.budget.consumed).toBe(10);
    expect(status.burnRates['5m']).toBeCloseTo(2, 12);
  });
});
