import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { PrometheusClient, PrometheusQueryError } from './PrometheusClient';

const BASE = 'http://prometheus.test/prom';
const RANGE_URL = `${BASE}/api/v1/query_range`;
const T = Date.UTC(2026, 10, 22, 10);

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('PrometheusClient.rangeQuery', () => {
  const client = PrometheusClient.create({
    name: 'main',
    baseUrl: BASE,
    headers: { Authorization: 'Bearer secret-token' },
    timeoutMs: 20_000,
  });

  it('POSTs query, start, end and step in seconds to query_range and parses the matrix', async () => {
    let body: Record<string, string> | undefined;
    let authorization: string | null = null;
    server.use(
      http.post(RANGE_URL, async ({ request }) => {
        body = Object.fromEntries(new URLSearchParams(await request.text()));
        authorization = request.headers.get('authorization');
        return HttpResponse.json({
          status: 'success',
          data: {
            resultType: 'matrix',
            result: [
              {
                metric: { sre_slo: 'a' },
                values: [
                  [T / 1000 - 300, '10'],
                  [T / 1000, 'NaN'],
                ],
              },
              { metric: { sre_slo: 'b' }, values: [[T / 1000, '+Inf']] },
            ],
          },
        });
      }),
    );
    const series = await client.rangeQuery(
      'sum(increase(x[5m]))',
      { startMs: T - 300_000, endMs: T, stepMs: 300_000 },
      { remainingMs: 7_500 },
    );
    expect(body).toEqual({
      query: 'sum(increase(x[5m]))',
      start: String(T / 1000 - 300),
      end: String(T / 1000),
      step: '300',
      timeout: '7s',
    });
    expect(authorization).toBe('Bearer secret-token');
    expect(series).toEqual([
      {
        metric: { sre_slo: 'a' },
        points: [
          [T - 300_000, 10],
          [T, NaN],
        ],
      },
      { metric: { sre_slo: 'b' }, points: [[T, Infinity]] },
    ]);
  });

  it('refuses an answer that is not a matrix, or a point without a time', async () => {
    server.use(
      http.post(RANGE_URL, () =>
        HttpResponse.json({
          status: 'success',
          data: { resultType: 'vector', result: [] },
        }),
      ),
    );
    const range = { startMs: T, endMs: T, stepMs: 60_000 };
    await expect(client.rangeQuery('q', range)).rejects.toThrow(
      'Prometheus source main answered with a vector where a range vector was expected',
    );
    server.use(
      http.post(RANGE_URL, () =>
        HttpResponse.json({
          status: 'success',
          data: {
            resultType: 'matrix',
            result: [{ metric: {}, values: [['soon', '1']] }],
          },
        }),
      ),
    );
    await expect(client.rangeQuery('q', range)).rejects.toThrow(
      /a point without a time/,
    );
  });

  it('reports Prometheus’ own errors as query errors, like an instant query', async () => {
    server.use(
      http.post(RANGE_URL, () =>
        HttpResponse.json(
          {
            status: 'error',
            errorType: 'bad_data',
            error:
              'exceeded maximum resolution of 11,000 points per timeseries',
          },
          { status: 400 },
        ),
      ),
    );
    const error = await client
      .rangeQuery('q', { startMs: 0, endMs: T, stepMs: 1000 })
      .catch(e => e);
    expect(error).toBeInstanceOf(PrometheusQueryError);
    expect(error.isQueryError).toBe(true);
    expect(error.message).toBe(
      'Prometheus source main answered 400 (bad_data): exceeded maximum resolution of 11,000 points per timeseries',
    );
  });
});
