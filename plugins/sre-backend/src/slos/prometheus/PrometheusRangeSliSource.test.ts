import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { SloDefinition } from '@sre-catalog/backstage-plugin-sre-common';
import { PrometheusRangeSliData } from './PrometheusRangeSliData';
import { PrometheusRangeSliSource } from './PrometheusRangeSliSource';
import {
  PrometheusSides,
  prometheusSlo,
  rollingDays,
} from './__testUtils__/prometheusSlo';
import { PrometheusSourceConfig } from './readPrometheusSources';
import {
  UnionQueryPart,
  unionQueryParts,
} from './__testUtils__/unionQueryParts';
import { DAY, HOUR, MIN } from '../../__testUtils__/durations';

const CUT = Date.UTC(2026, 10, 19, 9);
const NOW = CUT + 3 * DAY + 30 * MIN;
const A = 'http://prometheus-a.test';
const B = 'http://prometheus-b.test';

const slo = (
  name: string,
  sides: PrometheusSides,
  overrides: Partial<SloDefinition> = {},
) => prometheusSlo(name, sides, { timeWindow: rollingDays(30), ...overrides });

const goodTotal = {
  good: { query: 'req_total{code="200"}' },
  total: { query: 'req_total' },
};

type Request = {
  baseUrl: string;
  query: string;
  startMs: number;
  endMs: number;
  stepMs: number;
};

/** One side of one SLO, as the fake Prometheus sees it in a union query. */
type Part = UnionQueryPart;

/**
 * A Prometheus whose range queries answer each part at each time with
 * `answer(part, timeMs, stepMs)` (undefined: no value then), and first with the
 * series `forge(parts)` gives.
 */
function fakePrometheus(
  baseUrl: string,
  requests: Request[],
  answer: (part: Part, timeMs: number, stepMs: number) => number | undefined,
  forge: (parts: Part[]) => Array<Record<string, string>> = () => [],
) {
  return http.post(`${baseUrl}/api/v1/query_range`, async ({ request }) => {
    const form = new URLSearchParams(await request.text());
    const query = form.get('query')!;
    const [startMs, endMs, stepMs] = ['start', 'end', 'step'].map(
      key => Number(form.get(key)) * 1000,
    );
    requests.push({ baseUrl, query, startMs, endMs, stepMs });
    const times: number[] = [];
    for (let t = startMs; t <= endMs; t += stepMs) times.push(t);
    const parts = unionQueryParts(query);
    const forged = forge(parts).map(metric => ({
      metric,
      values: times.map(t => [t / 1000, '1000000']),
    }));
    const result = parts.flatMap(part => {
      const values = times.flatMap(t => {
        const value = answer(part, t, stepMs);
        return value === undefined ? [] : [[t / 1000, String(value)]];
      });
      return values.length
        ? [
            {
              metric: {
                sre_slo: part.slo,
                sre_side: part.side,
                sre_nonce: part.nonce,
              },
              values,
            },
          ]
        : [];
    });
    return HttpResponse.json({
      status: 'success',
      data: { resultType: 'matrix', result: [...forged, ...result] },
    });
  });
}

/** 100 requests a minute, 1 of them failed, in every bucket. */
const onePercent = (part: Part, _t: number, stepMs: number) =>
  ((({ good: 99, bad: 1, total: 100 } as Record<string, number>)[part.side] *
    stepMs) /
  MIN);

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function source(
  name: string,
  baseUrl: string,
  extra: Partial<PrometheusSourceConfig> = {},
): PrometheusSourceConfig {
  return { name, baseUrl, headers: {}, timeoutMs: 5_000, ...extra };
}

function createSource(
  sources: PrometheusSourceConfig[],
  options: { maxSlosPerQuery?: number } = {},
) {
  return PrometheusRangeSliSource.create({
    sources: { sources, defaultName: sources[0]?.name },
    ...options,
  });
}

/** Fetches the ranges from 30 days back and collects the data handed over. */
async function fetchAll(
  rangeSource: PrometheusRangeSliSource,
  slos: SloDefinition[],
  fromMs: (slo: SloDefinition) => number = () => NOW - 30 * DAY,
) {
  const data = new Map<string, PrometheusRangeSliData>();
  const result = await rangeSource.fetchRanges(
    slos.map(definition => ({ definition, fromMs: fromMs(definition) })),
    { cutMs: CUT, nowMs: NOW },
    (definition, sliData) => data.set(definition.ref, sliData),
  );
  return { result, data };
}

describe('PrometheusRangeSliSource', () => {
  it('asks one range query per step for all the SLOs of a source and turns the points into buckets', async () => {
    const requests: Request[] = [];
    server.use(
      fakePrometheus(A, requests, onePercent),
      fakePrometheus(B, requests, onePercent),
    );
    const slos = [
      slo('a1', goodTotal),
      slo('a2', {
        bad: { query: 'sum(rate(req_total{code="500"}[{{.window}}]))' },
        total: { query: 'sum(rate(req_total[{{.window}}]))' },
      }),
      slo('b1', { ...goodTotal, sourceName: 'b' }),
    ];
    const rangeSource = createSource([source('a', A), source('b', B)]);

    const { result, data } = await fetchAll(rangeSource, slos);

    const firstHourEnd = Math.floor((NOW - 30 * DAY) / HOUR) * HOUR + HOUR;
    expect(
      requests
        .map(({ baseUrl, startMs, endMs, stepMs }) => ({
          baseUrl,
          startMs,
          endMs,
          stepMs,
        }))
        .sort(
          (x, y) => x.baseUrl.localeCompare(y.baseUrl) || x.stepMs - y.stepMs,
        ),
    ).toEqual([
      { baseUrl: A, startMs: CUT + 5 * MIN, endMs: NOW, stepMs: 5 * MIN },
      { baseUrl: A, startMs: firstHourEnd, endMs: CUT, stepMs: HOUR },
      { baseUrl: B, startMs: CUT + 5 * MIN, endMs: NOW, stepMs: 5 * MIN },
      { baseUrl: B, startMs: firstHourEnd, endMs: CUT, stepMs: HOUR },
    ]);
    expect(result.queries).toBe(4);
    // Both SLOs of source a are parts of each of its queries.
    for (const request of requests.filter(r => r.baseUrl === A)) {
      expect(new Set(unionQueryParts(request.query).map(p => p.slo))).toEqual(
        new Set(['slo:default/a1', 'slo:default/a2']),
      );
      expect(request.query).toContain(
        request.stepMs === HOUR ? '[1h]' : '[5m]',
      );
    }
    expect(result.sources).toEqual(
      new Map([
        ['a', { ok: true }],
        ['b', { ok: true }],
      ]),
    );
    for (const s of slos) {
      expect(result.slos.get(s.ref)).toMatchObject({ ok: true });
      const sliData = data.get(s.ref)!;
      // The hour before the cut, and the 5-minute bucket after it.
      expect(sliData.events(CUT - HOUR, CUT)).toEqual({
        good: 5940,
        total: 6000,
      });
      expect(sliData.events(CUT, CUT + 5 * MIN)).toEqual({
        good: 495,
        total: 500,
      });
      // 30 days of hours up to the cut, then 3.5 days of 5-minute buckets.
      expect(sliData.buckets).toHaveLength(
        (CUT - firstHourEnd) / HOUR + 1 + (NOW - CUT) / (5 * MIN),
      );
    }
  });

  it('batches SLOs of similar start times, so that short periods ask for less', async () => {
    const requests: Request[] = [];
    server.use(fakePrometheus(A, requests, onePercent));
    const week = { durationMs: 7 * DAY };
    const slos = [
      slo('month-1', goodTotal),
      slo('week', goodTotal, {
        timeWindow: { kind: 'rolling', ...week, text: '7d' },
      }),
      slo('month-2', goodTotal),
    ];
    const { result } = await fetchAll(
      createSource([source('a', A)], { maxSlosPerQuery: 2 }),
      slos,
      s =>
        NOW - (s.timeWindow.kind === 'rolling' ? s.timeWindow.durationMs : 0),
    );
    const hourly = requests.filter(r => r.stepMs === HOUR);
    expect(
      hourly
        .map(r => ({
          slos: unionQueryParts(r.query)
            .map(p => p.slo)
            .filter((ref, i, all) => all.indexOf(ref) === i)
            .sort(),
          startMs: r.startMs,
        }))
        .sort((x, y) => x.startMs - y.startMs),
    ).toEqual([
      {
        slos: ['slo:default/month-1', 'slo:default/month-2'],
        startMs: Math.floor((NOW - 30 * DAY) / HOUR) * HOUR + HOUR,
      },
      {
        slos: ['slo:default/week'],
        startMs: Math.floor((NOW - 7 * DAY) / HOUR) * HOUR + HOUR,
      },
    ]);
    expect(result.queries).toBe(4);
    expect([...result.slos.values()].every(r => r.ok)).toBe(true);
  });

  it('never sends a query that could close its wrapper; only its SLO fails', async () => {
    const requests: Request[] = [];
    server.use(fakePrometheus(A, requests, onePercent));
    const victim = slo('victim', goodTotal);
    const attacker = slo('attacker', {
      good: {
        query: `rate(up[{{.window}}])) * 0 + 1e9, "sre_slo", "${victim.ref}", "", ""), "sre_side", "bad", "", "") or label_replace(label_replace(sum(rate(up[{{.window}}])`,
      },
      total: { query: 'sum(rate(up[{{.window}}]))' },
    });

    const { result, data } = await fetchAll(createSource([source('a', A)]), [
      attacker,
      victim,
    ]);

    expect(result.slos.get(attacker.ref)).toMatchObject({
      ok: false,
      reason: 'query-refused',
      error: expect.stringContaining(
        'not one self-contained PromQL expression',
      ),
    });
    expect(requests).toHaveLength(2);
    // Not just '1e9': a batch's random hex nonces contain that now and then.
    expect(requests.some(r => r.query.includes('* 0 + 1e9'))).toBe(false);
    expect(data.has(attacker.ref)).toBe(false);
    expect(result.slos.get(victim.ref)).toMatchObject({ ok: true });
    expect(data.get(victim.ref)!.events(CUT - HOUR, CUT)).toEqual({
      good: 5940,
      total: 6000,
    });
  });

  it('throws away an answer with a forged series and splits the batch until the SLO at fault is alone', async () => {
    const requests: Request[] = [];
    const victim = slo('victim', goodTotal);
    const forger = slo('forger', {
      good: { query: 'forging_total{code="200"}' },
      total: { query: 'forging_total' },
    });
    server.use(
      fakePrometheus(A, requests, onePercent, parts =>
        // Whenever the forger's part is in the query, a series claims to be the
        // victim's bad side, with a made-up nonce.
        parts.some(p => p.expression.includes('forging_total'))
          ? [
              {
                sre_slo: victim.ref,
                sre_side: 'total',
                sre_nonce: 'f'.repeat(32),
              },
            ]
          : [],
      ),
    );
    const others = [slo('other-1', goodTotal), slo('other-2', goodTotal)];

    const { result, data } = await fetchAll(createSource([source('a', A)]), [
      victim,
      forger,
      ...others,
    ]);

    expect(result.slos.get(forger.ref)).toMatchObject({
      ok: false,
      reason: 'query-refused',
      error: expect.stringContaining('does not ask for'),
    });
    for (const s of [victim, ...others]) {
      expect(result.slos.get(s.ref)).toMatchObject({ ok: true });
      expect(data.get(s.ref)!.events(CUT - HOUR, CUT)).toEqual({
        good: 5940,
        total: 6000,
      });
    }
    expect(result.sources.get('a')).toEqual({ ok: true });
  });

  it('finds the SLO whose query Prometheus rejects and reads the others', async () => {
    const requests: Request[] = [];
    server.use(
      http.post(`${A}/api/v1/query_range`, async ({ request }) => {
        const query =
          new URLSearchParams(await request.clone().text()).get('query') ?? '';
        if (query.includes('broken_total')) {
          return HttpResponse.json(
            { status: 'error', errorType: 'bad_data', error: 'parse error' },
            { status: 400 },
          );
        }
        return undefined;
      }),
      fakePrometheus(A, requests, onePercent),
    );
    const broken = slo('broken', {
      good: { query: 'broken_total{code="200"}' },
      total: { query: 'broken_total' },
    });
    const { result } = await fetchAll(createSource([source('a', A)]), [
      slo('ok-1', goodTotal),
      broken,
      slo('ok-2', goodTotal),
    ]);
    expect(result.slos.get(broken.ref)).toMatchObject({
      ok: false,
      reason: 'query-failed',
      error: expect.stringMatching(
        /^Prometheus rejected the range query of slo:default\/broken: .*bad_data/,
      ),
    });
    expect(result.slos.get('slo:default/ok-1')).toMatchObject({ ok: true });
    expect(result.slos.get('slo:default/ok-2')).toMatchObject({ ok: true });
  });

  it('fails every SLO of a failing source, and only those', async () => {
    const requests: Request[] = [];
    server.use(
      http.post(`${A}/api/v1/query_range`, () =>
        HttpResponse.text('<html>bad gateway</html>', { status: 502 }),
      ),
      fakePrometheus(B, requests, onePercent),
    );
    const { result, data } = await fetchAll(
      createSource([source('a', A), source('b', B)]),
      [
        slo('a1', goodTotal),
        slo('a2', goodTotal),
        slo('b1', { ...goodTotal, sourceName: 'b' }),
      ],
    );
    for (const ref of ['slo:default/a1', 'slo:default/a2']) {
      expect(result.slos.get(ref)).toMatchObject({
        ok: false,
        sourceName: 'a',
        reason: 'source-unavailable',
        error: expect.stringContaining('Prometheus source a answered 502'),
      });
      expect(data.has(ref)).toBe(false);
    }
    expect(result.sources.get('a')).toMatchObject({ ok: false });
    expect(result.slos.get('slo:default/b1')).toMatchObject({ ok: true });
    expect(result.sources.get('b')).toEqual({ ok: true });
  });

  it('gives up on a source at its deadline', async () => {
    server.use(
      http.post(`${A}/api/v1/query_range`, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    const { result } = await fetchAll(
      createSource([source('a', A, { deadlineMs: 200 })]),
      [slo('slow', goodTotal)],
    );
    expect(result.slos.get('slo:default/slow')).toEqual({
      ok: false,
      sourceName: 'a',
      reason: 'source-unavailable',
      error:
        'Prometheus source a did not answer all the range queries of this run within its deadline of 0.2s',
    });
  });

  it('does not ask for SLOs it cannot read', async () => {
    const requests: Request[] = [];
    server.use(fakePrometheus(A, requests, onePercent));
    const { result } = await fetchAll(createSource([source('a', A)]), [
      slo('slices', goodTotal, { budgetingMethod: 'Timeslices' }),
      slo('elsewhere', { ...goodTotal, sourceName: 'nowhere' }),
    ]);
    expect(requests).toEqual([]);
    expect(result.slos.get('slo:default/slices')).toMatchObject({
      ok: false,
      reason: 'not-supported',
    });
    expect(result.slos.get('slo:default/elsewhere')).toMatchObject({
      ok: false,
      reason: 'unknown-source',
      error: 'sre.sources has no source named nowhere',
    });
  });
});
