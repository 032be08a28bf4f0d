import { ConfigReader } from '@backstage/config';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  SloDefinition,
  evaluateSlo,
} from '@sre-catalog/backstage-plugin-sre-common';
import { PrometheusSliSource } from './PrometheusSliSource';
import { prometheusSlo } from './__testUtils__/prometheusSlo';
import { PrometheusSources } from './readPrometheusSources';
import {
  UnionQueryPart,
  unionQueryParts,
} from './__testUtils__/unionQueryParts';
import { DAY } from '../../__testUtils__/durations';

const NOW = Date.UTC(2026, 10, 22, 10, 0);
const A = 'http://prometheus-a.test';
const B = 'http://prometheus-b.test';

const slo = prometheusSlo;

const goodTotal = {
  good: { query: 'req_total{code="200"}' },
  total: { query: 'req_total' },
};
const badTotal = {
  bad: { query: 'req_total{code="500"}' },
  total: { query: 'req_total' },
};

type Request = { baseUrl: string; query: string; time: string };

/** One side of one SLO, as the fake Prometheus sees it in a union query. */
type Part = UnionQueryPart & { window: string };

/** Reads the union query back into its parts, with the window of each. */
function partsOf(query: string): Part[] {
  return unionQueryParts(query).map(part => ({
    ...part,
    window: /\[(\w+)\]/.exec(part.expression)![1],
  }));
}

/**
 * A Prometheus that answers each part of a union query with `answer(part)`: a
 * value string, or undefined for a series that does not exist; and first with
 * the series `forge(parts)` gives, if any (with the value 0).
 */
function fakePrometheus(
  baseUrl: string,
  requests: Request[],
  answer: (part: Part) => string | undefined,
  forge: (parts: Part[]) => Array<Record<string, string>> = () => [],
) {
  return http.post(`${baseUrl}/api/v1/query`, async ({ request }) => {
    const form = new URLSearchParams(await request.text());
    const query = form.get('query')!;
    const time = form.get('time')!;
    requests.push({ baseUrl, query, time });
    const forged = forge(partsOf(query)).map(metric => ({
      metric,
      value: [Number(time), '0'],
    }));
    const result = partsOf(query).flatMap(part => {
      const value = answer(part);
      return value === undefined
        ? []
        : [
            {
              metric: {
                sre_slo: part.slo,
                sre_side: part.side,
                sre_nonce: part.nonce,
              },
              value: [Number(time), value],
            },
          ];
    });
    return HttpResponse.json({
      status: 'success',
      data: { resultType: 'vector', result: [...forged, ...result] },
    });
  });
}

/** 1000 requests per window, 10 of them failed: a 1% error ratio everywhere. */
const onePercent = (part: Part) =>
  ({ good: '990', bad: '10', total: '1000' }[part.side]);

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function createSource(
  sources: PrometheusSources['sources'],
  options: { maxSlosPerQuery?: number; maxConcurrentQueries?: number } = {},
) {
  return PrometheusSliSource.create({
    sources: { sources, defaultName: sources[0]?.name },
    ...options,
  });
}
const sourceA = { name: 'a', baseUrl: A, headers: {}, timeoutMs: 5_000 };
const sourceB = { name: 'b', baseUrl: B, headers: {}, timeoutMs: 5_000 };

describe('PrometheusSliSource', () => {
  it('asks one query per window for all the SLOs of a source, not one per SLO', async () => {
    const requests: Request[] = [];
    server.use(fakePrometheus(A, requests, onePercent));
    const slos = [
      slo('one', goodTotal),
      slo('two', badTotal),
      slo('three', goodTotal, {
        timeWindow: { kind: 'rolling', durationMs: 30 * DAY, text: '30d' },
      }),
    ];

    const result = await createSource([sourceA]).fetchWindows(slos, NOW);

    // 7 burn-rate windows + the 28d and 30d periods.
    expect(requests.map(r => partsOf(r.query)[0].window).sort()).toEqual(
      ['1d', '1h', '28d', '2h', '30d', '30m', '3d', '5m', '6h'].sort(),
    );
    expect(requests.every(r => r.time === String(NOW / 1000))).toBe(true);
    const refsOf = (window: string) =>
      new Set(
        partsOf(requests.find(r => r.query.includes(`[${window}]`))!.query).map(
          p => p.slo,
        ),
      );
    expect(refsOf('5m')).toEqual(new Set(slos.map(s => s.ref)));
    expect(refsOf('28d')).toEqual(
      new Set(['slo:default/one', 'slo:default/two']),
    );
    expect(refsOf('30d')).toEqual(new Set(['slo:default/three']));
    expect(result.sources).toEqual(new Map([['a', { ok: true }]]));

    for (const s of slos) {
      const fetched = result.slos.get(s.ref)!;
      if (!fetched.ok) throw new Error(fetched.error);
      expect(fetched.sourceName).toBe('a');
      const status = evaluateSlo(s, fetched.data, NOW);
      expect(status.sli).toBeCloseTo(0.99, 12);
      expect(status.errorBudgetRemaining).toBeCloseTo(0, 12);
      expect(status.burnRates['5m']).toBeCloseTo(1, 12);
      expect(status.burnRates['3d']).toBeCloseTo(1, 12);
      expect(status.budget).toEqual({
        unit: 'events',
        allowed: expect.closeTo(10, 9),
        consumed: 10,
      });
    }
  });

  it('splits a large source into batches of SLOs per window, with few queries in flight', async () => {
    const requests: Request[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const answer = fakePrometheus(A, requests, onePercent);
    server.use(
      http.post(`${A}/api/v1/query`, async () => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise(resolve => setTimeout(resolve, 5));
        inFlight--;
        return undefined;
      }),
      answer,
    );
    const slos = ['a', 'b', 'c', 'd', 'e'].map(name => slo(name, goodTotal));

    const result = await createSource([sourceA], {
      maxSlosPerQuery: 2,
      maxConcurrentQueries: 2,
    }).fetchWindows(slos, NOW);

    // 8 windows (7 burn windows + 28d) × 3 batches (2 + 2 + 1 SLOs).
    expect(requests).toHaveLength(24);
    expect(requests.map(r => partsOf(r.query).length / 2).sort()).toEqual(
      [...Array(8).fill(1), ...Array(16).fill(2)].sort(),
    );
    expect(maxInFlight).toBe(2);
    expect(slos.every(s => result.slos.get(s.ref)?.ok)).toBe(true);
  });

  it('stops sending the queued queries of a source once it has failed', async () => {
    const requests: string[] = [];
    server.use(
      http.post(`${A}/api/v1/query`, () => {
        requests.push('query');
        return HttpResponse.json(
          { status: 'error', errorType: 'timeout', error: 'query timed out' },
          { status: 503 },
        );
      }),
    );
    const slos = ['a', 'b', 'c'].map(name => slo(name, goodTotal));

    const result = await createSource([sourceA], {
      maxSlosPerQuery: 1,
      maxConcurrentQueries: 1,
    }).fetchWindows(slos, NOW);

    expect(requests).toHaveLength(1);
    expect(result.sources.get('a')).toEqual({
      ok: false,
      error: 'Prometheus source a answered 503 (timeout): query timed out',
    });
    expect(
      slos
        .map(s => result.slos.get(s.ref))
        .every(r => r && !r.ok && r.reason === 'source-unavailable'),
    ).toBe(true);
  });

  it('asks each source for its own SLOs; a failing source fails only its SLOs', async () => {
    const requests: Request[] = [];
    server.use(
      fakePrometheus(A, requests, onePercent),
      http.post(`${B}/api/v1/query`, () =>
        HttpResponse.json(
          {
            status: 'error',
            errorType: 'unavailable',
            error: 'too many queries in flight',
          },
          { status: 503 },
        ),
      ),
    );
    const onDefault = slo('on-default', goodTotal);
    const onA = slo('on-a', { ...goodTotal, sourceName: 'a' });
    const onB = slo('on-b', { ...goodTotal, sourceName: 'b' });

    const result = await createSource([sourceA, sourceB]).fetchWindows(
      [onDefault, onA, onB],
      NOW,
    );

    expect(requests).toHaveLength(8);
    expect(result.sources).toEqual(
      new Map([
        ['a', { ok: true }],
        [
          'b',
          {
            ok: false,
            error:
              'Prometheus source b answered 503 (unavailable): too many queries in flight',
          },
        ],
      ]),
    );
    expect(result.slos.get(onDefault.ref)).toMatchObject({
      ok: true,
      sourceName: 'a',
    });
    expect(result.slos.get(onA.ref)).toMatchObject({
      ok: true,
      sourceName: 'a',
    });
    expect(result.slos.get(onB.ref)).toEqual({
      ok: false,
      sourceName: 'b',
      reason: 'source-unavailable',
      error:
        'Prometheus source b answered 503 (unavailable): too many queries in flight',
    });
  });

  it('fails the SLOs of an unreachable source with the network error', async () => {
    server.use(http.post(`${A}/api/v1/query`, () => HttpResponse.error()));
    const one = slo('one', goodTotal);

    const result = await createSource([sourceA]).fetchWindows([one], NOW);

    expect(result.sources.get('a')).toEqual({
      ok: false,
      error: expect.stringMatching(/^Prometheus source a cannot be reached: /),
    });
    expect(result.slos.get(one.ref)).toMatchObject({
      ok: false,
      reason: 'source-unavailable',
    });
  });

  it('stores and returns errors that name the source, never its URL or headers', async () => {
    const secretBase = 'http://prometheus-secret.test/tenants/t-0a1b2c3d4e5f';
    const token = 'tok-9z8y7x6w5v4u';
    server.use(
      http.post(
        `${secretBase}/api/v1/query`,
        ({ request }) =>
          new HttpResponse(
            `upstream ${request.url} rejected ${request.headers.get(
              'authorization',
            )}`,
            { status: 502, statusText: 'Bad Gateway' },
          ),
      ),
    );
    const one = slo('one', goodTotal);
    const result = await createSource([
      {
        name: 'tenant-a',
        baseUrl: secretBase,
        headers: { Authorization: `Bearer ${token}` },
        timeoutMs: 5_000,
      },
    ]).fetchWindows([one], NOW);

    // What SloEvaluator stores as the source's and the SLO's lastError.
    expect(result.sources.get('tenant-a')).toEqual({
      ok: false,
      error:
        'Prometheus source tenant-a answered 502 Bad Gateway without an API response: upstream [redacted]/api/v1/query rejected [redacted]',
    });
    expect(result.slos.get(one.ref)).toMatchObject({
      ok: false,
      reason: 'source-unavailable',
      error: expect.stringMatching(/^Prometheus source tenant-a answered 502/),
    });
    const everything = JSON.stringify([...result.sources, ...result.slos]);
    for (const secret of ['prometheus-secret.test', 't-0a1b2c3d4e5f', token]) {
      expect(everything).not.toContain(secret);
    }
  });

  it('refuses at start-up a source whose base URL holds credentials', () => {
    expect(() =>
      PrometheusSliSource.fromConfig(
        new ConfigReader({
          sre: {
            sources: [
              {
                name: 'main',
                type: 'prometheus',
                baseUrl: 'https://metrics:hunter2@prometheus.example.com',
              },
            ],
          },
        }),
      ),
    ).toThrow(
      /^Invalid config sre\.sources\[0\]\.baseUrl: the URL must not hold credentials .*put them in sre\.sources\[0\]\.headers, e\.g\. Authorization/,
    );
  });

  it('finds the SLO whose query Prometheus rejects and evaluates the others', async () => {
    const requests: Request[] = [];
    const answer = fakePrometheus(A, requests, onePercent);
    server.use(
      http.post(`${A}/api/v1/query`, async ({ request }) => {
        const query = new URLSearchParams(await request.clone().text()).get(
          'query',
        )!;
        if (query.includes('broken')) {
          requests.push({ baseUrl: A, query, time: '' });
          return HttpResponse.json(
            {
              status: 'error',
              errorType: 'bad_data',
              error:
                'invalid parameter "query": parse error: unexpected identifier "broken"',
            },
            { status: 400 },
          );
        }
        return undefined;
      }),
      answer,
    );
    const slos = [
      slo('one', goodTotal),
      slo('two', badTotal),
      slo('broken', {
        bad: { query: 'sum(rate(broken x[{{.window}}]))' },
        total: { query: 'sum(rate(req_total[{{.window}}]))' },
      }),
      slo('four', goodTotal),
    ];

    const result = await createSource([sourceA]).fetchWindows(slos, NOW);

    expect(result.slos.get('slo:default/broken')).toEqual({
      ok: false,
      sourceName: 'a',
      reason: 'query-failed',
      error:
        'Prometheus rejected the query of slo:default/broken: Prometheus source a answered 400 (bad_data): invalid parameter "query": parse error: unexpected identifier "broken"',
    });
    for (const ref of ['one', 'two', 'four']) {
      expect(result.slos.get(`slo:default/${ref}`)?.ok).toBe(true);
    }
    expect(result.sources.get('a')).toEqual({ ok: true });
    // 5m: all (rejected), then halves [one, two] and [broken, four] (rejected),
    // then [broken] (rejected) and [four]; the 7 other windows without it.
    expect(requests).toHaveLength(5 + 7);
    expect(requests.slice(5).every(r => !r.query.includes('broken'))).toBe(
      true,
    );
  });

  it('treats NaN and a missing total as no data and a missing good or bad series as none', async () => {
    server.use(
      fakePrometheus(A, [], part => {
        if (part.window === '5m') return part.side === 'total' ? 'NaN' : '0';
        if (part.window === '30m') return part.side === 'total' ? '+Inf' : '1';
        if (part.window === '1h')
          return part.side === 'total' ? undefined : '5';
        if (part.side === 'total') return '400';
        return undefined; // no failed (or no good) requests yet
      }),
    );
    const errorsMissing = slo('errors-missing', badTotal);
    const goodMissing = slo('good-missing', goodTotal);

    const result = await createSource([sourceA]).fetchWindows(
      [errorsMissing, goodMissing],
      NOW,
    );

    const statusOf = (s: SloDefinition) => {
      const fetched = result.slos.get(s.ref)!;
      if (!fetched.ok) throw new Error(fetched.error);
      return evaluateSlo(s, fetched.data, NOW);
    };
    const noErrors = statusOf(errorsMissing);
    expect(noErrors.burnRates).toEqual({
      '5m': null,
      '30m': null,
      '1h': null,
      '2h': 0,
      '6h': 0,
      '1d': 0,
      '3d': 0,
    });
    expect(noErrors).toMatchObject({
      sli: 1,
      errorBudgetRemaining: 1,
      hasData: true,
    });
    const allBad = statusOf(goodMissing);
    expect(allBad).toMatchObject({ sli: 0, hasData: true });
    expect(allBad.burnRates['2h']).toBeCloseTo(100, 9);
  });

  it('asks for the calendar period so far, in whole seconds', async () => {
    const requests: Request[] = [];
    server.use(fakePrometheus(A, requests, onePercent));
    const calendar = (name: string, startTime: string) =>
      slo(name, goodTotal, {
        timeWindow: {
          kind: 'calendar',
          unit: 'M',
          count: 1,
          startTime,
          timeZone: 'UTC',
          text: '1M',
        },
      });
    const month = calendar('month', '2026-01-01T00:00:00Z');
    const startsNow = calendar('starts-now', '2026-01-22T10:00:00Z');

    const result = await createSource([sourceA]).fetchWindows(
      [month, startsNow],
      NOW,
    );

    // 21 days and 10 hours since 1 November; the other period has just begun and
    // needs no query. 7 burn windows + 1.
    expect(requests).toHaveLength(8);
    expect(requests.some(r => r.query.includes('[514h]'))).toBe(true);
    const fetched = result.slos.get(startsNow.ref)!;
    expect(
      fetched.ok && evaluateSlo(startsNow, fetched.data, NOW),
    ).toMatchObject({
      hasData: false,
      sli: null,
      burnRates: expect.objectContaining({ '5m': expect.closeTo(1, 9) }),
    });
  });

  it('does not ask Prometheus for SLOs it cannot evaluate', async () => {
    const requests: Request[] = [];
    server.use(fakePrometheus(A, requests, onePercent));
    const slices = slo('slices', goodTotal, {
      budgetingMethod: 'Timeslices',
      timeSliceTarget: 0.95,
      timeSliceWindowMs: 60_000,
    });
    const elsewhere = slo('elsewhere', { ...goodTotal, sourceName: 'thanos' });

    const result = await createSource([sourceA]).fetchWindows(
      [slices, elsewhere],
      NOW,
    );

    expect(requests).toHaveLength(0);
    expect(result.sources.size).toBe(0);
    expect(result.slos.get(slices.ref)).toMatchObject({
      ok: false,
      reason: 'not-supported',
      error: expect.stringContaining('Timeslices is not supported'),
    });
    expect(result.slos.get(elsewhere.ref)).toEqual({
      ok: false,
      sourceName: 'thanos',
      reason: 'unknown-source',
      error:
        'sre.sources has no source named thanos; the configured sources are a',
    });

    const unconfigured = await createSource([]).fetchWindows(
      [slo('one', goodTotal)],
      NOW,
    );
    expect(unconfigured.slos.get('slo:default/one')).toMatchObject({
      ok: false,
      reason: 'unknown-source',
      error:
        'No Prometheus source is configured: add one under sre.sources in app-config',
    });
  });
});

describe('PrometheusSliSource isolation of the SLOs of a batch', () => {
  const victim = slo('victim', goodTotal);

  it('does not send a query that could close its wrapper; the other SLOs evaluate', async () => {
    const requests: Request[] = [];
    server.use(fakePrometheus(A, requests, onePercent));
    const attacker = slo('attacker', {
      good: {
        query:
          'rate(up[{{.window}}])) * 0 + 1e9, "sre_slo", "slo:default/victim", "", ""), "sre_side", "bad", "", "") or label_replace(label_replace(sum(rate(up[{{.window}}])',
      },
      total: { query: 'sum(rate(req_total[{{.window}}]))' },
    });

    const result = await createSource([sourceA]).fetchWindows(
      [attacker, victim],
      NOW,
    );

    expect(result.slos.get(attacker.ref)).toEqual({
      ok: false,
      sourceName: 'a',
      reason: 'query-refused',
      error: expect.stringMatching(
        /^The good query of slo:default\/attacker is not one self-contained PromQL expression: its "\)" at .* closes more than it opened/,
      ),
    });
    expect(requests.some(r => r.query.includes('attacker'))).toBe(false);
    const fetched = result.slos.get(victim.ref)!;
    if (!fetched.ok) throw new Error(fetched.error);
    expect(evaluateSlo(victim, fetched.data, NOW).sli).toBeCloseTo(0.99, 12);
    expect(result.sources.get('a')).toEqual({ ok: true });
  });

  /** The nonce of a part of the query, if the query has that part. */
  const nonceOf = (parts: Part[], ref: string, side: string) =>
    parts.find(p => p.slo === ref && p.side === side)?.nonce ?? 'none';

  it.each([
    ['without a nonce', () => ({ sre_slo: victim.ref, sre_side: 'good' })],
    [
      'with a guessed nonce',
      () => ({
        sre_slo: victim.ref,
        sre_side: 'good',
        sre_nonce: '0'.repeat(32),
      }),
    ],
    [
      // What a query that escaped its wrapper gets from that wrapper.
      'with the nonce of the sneaky SLO’s own part',
      (parts: Part[]) => ({
        sre_slo: victim.ref,
        sre_side: 'good',
        sre_nonce: nonceOf(parts, 'slo:default/sneaky', 'good'),
      }),
    ],
    [
      'with the victim’s nonce and a label more',
      (parts: Part[]) => ({
        sre_slo: victim.ref,
        sre_side: 'good',
        sre_nonce: nonceOf(parts, victim.ref, 'good'),
        instance: 'secret-host:9100',
      }),
    ],
    [
      'for a side the victim does not have',
      (parts: Part[]) => ({
        sre_slo: victim.ref,
        sre_side: 'bad',
        sre_nonce: nonceOf(parts, victim.ref, 'good'),
      }),
    ],
  ])(
    'drops an answer holding a series %s, and finds the SLO it came with',
    async (_case, forged) => {
      // As if a query had escaped its wrapper (which checkSideQueries prevents):
      // the answer to any query with the sneaky SLO also holds a forged series.
      const requests: Request[] = [];
      server.use(
        fakePrometheus(A, requests, onePercent, parts =>
          parts.some(p => p.slo === 'slo:default/sneaky')
            ? [forged(parts)]
            : [],
        ),
      );
      const sneaky = slo('sneaky', {
        good: { query: 'sneaky_total' },
        total: { query: 'req_total' },
      });
      const slos = [
        slo('one', goodTotal),
        sneaky,
        victim,
        slo('two', badTotal),
      ];

      const result = await createSource([sourceA]).fetchWindows(slos, NOW);

      expect(result.slos.get(sneaky.ref)).toEqual({
        ok: false,
        sourceName: 'a',
        reason: 'query-refused',
        error: expect.stringMatching(
          /^The answer to the query of slo:default\/sneaky held series that its own query cannot produce \(a series .*\); none of it is used$/,
        ),
      });
      expect(result.slos.get(sneaky.ref)).not.toMatchObject({
        error: expect.stringContaining('secret-host'),
      });
      for (const s of slos.filter(x => x !== sneaky)) {
        const fetched = result.slos.get(s.ref)!;
        if (!fetched.ok) throw new Error(fetched.error);
        const status = evaluateSlo(s, fetched.data, NOW);
        expect(status.sli).toBeCloseTo(0.99, 12);
        expect(status.burnRates['5m']).toBeCloseTo(1, 12);
      }
      // Every part of every query has a nonce of its own.
      const nonces = requests.flatMap(r => partsOf(r.query).map(p => p.nonce));
      expect(new Set(nonces).size).toBe(nonces.length);
      expect(nonces.every(n => /^[0-9a-f]{32}$/.test(n))).toBe(true);
    },
  );
});

describe('PrometheusSliSource with a slow or broken source', () => {
  it('gives up on a source at its deadline, without sending the queued queries', async () => {
    const requests: string[] = [];
    server.use(
      http.post(`${A}/api/v1/query`, async () => {
        requests.push('query');
        await delay('infinite');
        return HttpResponse.json({});
      }),
      fakePrometheus(B, [], onePercent),
    );
    const onA = slo('on-a', goodTotal);
    const onB = slo('on-b', { ...goodTotal, sourceName: 'b' });

    const result = await createSource(
      [{ ...sourceA, timeoutMs: 60_000, deadlineMs: 50 }, sourceB],
      { maxConcurrentQueries: 1 },
    ).fetchWindows([onA, onB], NOW);

    const error =
      'Prometheus source a did not answer all the queries of this evaluation within its deadline of 0.05s';
    expect(result.sources.get('a')).toEqual({ ok: false, error });
    expect(result.slos.get(onA.ref)).toEqual({
      ok: false,
      sourceName: 'a',
      reason: 'source-unavailable',
      error,
    });
    expect(requests).toHaveLength(1);
    expect(result.sources.get('b')).toEqual({ ok: true });
    expect(result.slos.get(onB.ref)?.ok).toBe(true);
  });

  it('returns at the deadline even when a request ignores its abort signal', async () => {
    const source = PrometheusSliSource.create({
      sources: {
        sources: [{ ...sourceA, timeoutMs: 60_000, deadlineMs: 50 }],
        defaultName: 'a',
      },
      fetch: () => new Promise<Response>(() => {}),
    });

    const result = await source.fetchWindows([slo('one', goodTotal)], NOW);

    expect(result.sources.get('a')).toEqual({
      ok: false,
      error: expect.stringMatching(/within its deadline of 0\.05s$/),
    });
  });

  it('fails the SLOs of a source whose answer is cut short', async () => {
    server.use(
      http.post(
        `${A}/api/v1/query`,
        () =>
          new HttpResponse(
            '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"sre_slo":"slo:def',
            { headers: { 'Content-Type': 'application/json' } },
          ),
      ),
    );
    const one = slo('one', goodTotal);

    const result = await createSource([sourceA]).fetchWindows([one], NOW);

    expect(result.slos.get(one.ref)).toEqual({
      ok: false,
      sourceName: 'a',
      reason: 'source-unavailable',
      error:
        'Prometheus source a answered 200 OK with JSON that does not parse (89 characters; cut short?)',
    });
  });
});
