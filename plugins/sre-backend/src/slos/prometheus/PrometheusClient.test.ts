import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { PrometheusClient, PrometheusQueryError } from './PrometheusClient';

const BASE = 'http://prometheus.test/prom';
const QUERY_URL = `${BASE}/api/v1/query`;
const T = Date.UTC(2026, 10, 22, 10, 0, 0, 500);

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function vector(result: Array<{ metric: object; value: string }>) {
  return HttpResponse.json({
    status: 'success',
    data: {
      resultType: 'vector',
      result: result.map(r => ({
        metric: r.metric,
        value: [T / 1000, r.value],
      })),
    },
  });
}

async function queryError(
  client: PrometheusClient,
): Promise<PrometheusQueryError> {
  const error = await client.instantQuery('up', T).catch(e => e);
  expect(error).toBeInstanceOf(PrometheusQueryError);
  return error;
}

describe('PrometheusClient', () => {
  const client = PrometheusClient.create({
    name: 'main',
    baseUrl: `${BASE}/`,
    headers: { Authorization: 'Bearer secret' },
    timeoutMs: 20_000,
  });

  it('POSTs the query form-encoded with the time in seconds, its timeout and the configured headers', async () => {
    let seen: { body: URLSearchParams; headers: Headers } | undefined;
    server.use(
      http.post(QUERY_URL, async ({ request }) => {
        seen = {
          body: new URLSearchParams(await request.text()),
          headers: request.headers,
        };
        return vector([]);
      }),
    );
    const query = 'sum(increase(http_requests_total{code="200"}[5m]))';
    await expect(client.instantQuery(query, T)).resolves.toEqual([]);
    expect(seen!.headers.get('content-type')).toMatch(
      /^application\/x-www-form-urlencoded/,
    );
    expect(seen!.headers.get('authorization')).toBe('Bearer secret');
    expect(Object.fromEntries(seen!.body)).toEqual({
      query,
      time: '1795341600.5',
      timeout: '20s',
    });
  });

  it('parses the values, which are strings and may be NaN or infinite', async () => {
    server.use(
      http.post(QUERY_URL, () =>
        vector([
          { metric: { sre_slo: 'a' }, value: '1234.5' },
          { metric: { sre_slo: 'b' }, value: 'NaN' },
          { metric: { sre_slo: 'c' }, value: '+Inf' },
          { metric: { sre_slo: 'd' }, value: '-Inf' },
          { metric: { sre_slo: 'e' }, value: '1e+21' },
        ]),
      ),
    );
    const samples = await client.instantQuery('q', T);
    expect(samples.map(s => [s.metric.sre_slo, s.value])).toEqual([
      ['a', 1234.5],
      ['b', NaN],
      ['c', Infinity],
      ['d', -Infinity],
      ['e', 1e21],
    ]);
  });

  it('returns a scalar as one sample without labels and refuses other result types', async () => {
    server.use(
      http.post(QUERY_URL, () =>
        HttpResponse.json({
          status: 'success',
          data: { resultType: 'scalar', result: [T / 1000, '42'] },
        }),
      ),
    );
    await expect(client.instantQuery('42', T)).resolves.toEqual([
      { metric: {}, value: 42 },
    ]);

    server.use(
      http.post(QUERY_URL, () =>
        HttpResponse.json({
          status: 'success',
          data: { resultType: 'matrix', result: [] },
        }),
      ),
    );
    expect((await queryError(client)).message).toMatch(
      /matrix where an instant vector was expected/,
    );
  });

  it.each([
    [
      400,
      'bad_data',
      'invalid parameter "query": 1:16: parse error: unclosed left parenthesis',
      true,
    ],
    [
      422,
      'execution',
      'query processing would load too many samples into memory',
      true,
    ],
    [503, 'timeout', 'query timed out in expression evaluation', false],
  ])(
    'turns a %s into a typed error with Prometheus’ message',
    async (status, errorType, message, isQueryError) => {
      server.use(
        http.post(QUERY_URL, () =>
          HttpResponse.json(
            { status: 'error', errorType, error: message },
            { status },
          ),
        ),
      );
      const error = await queryError(client);
      expect(error).toMatchObject({
        name: 'PrometheusQueryError',
        status,
        errorType,
      });
      expect(error.message).toBe(
        `Prometheus source main answered ${status} (${errorType}): ${message}`,
      );
      expect(error.isQueryError).toBe(isQueryError);
    },
  );

  it('reports an answer that is not from the Prometheus API, e.g. a proxy error page', async () => {
    server.use(
      http.post(
        QUERY_URL,
        () =>
          new HttpResponse('<html>502 Bad Gateway</html>', {
            status: 502,
            statusText: 'Bad Gateway',
          }),
      ),
    );
    const error = await queryError(client);
    expect(error.status).toBe(502);
    expect(error.isQueryError).toBe(false);
    expect(error.message).toBe(
      'Prometheus source main answered 502 Bad Gateway without an API response: <html>502 Bad Gateway</html>',
    );
  });

  it('tries a request that failed before any answer once more', async () => {
    let attempts = 0;
    server.use(
      http.post(QUERY_URL, () => {
        attempts++;
        return attempts === 1 ? HttpResponse.error() : vector([]);
      }),
    );
    await expect(client.instantQuery('up', T)).resolves.toEqual([]);
    expect(attempts).toBe(2);
  });

  it('reports a network failure', async () => {
    server.use(http.post(QUERY_URL, () => HttpResponse.error()));
    const error = await queryError(client);
    expect(error.status).toBeUndefined();
    expect(error.message).toMatch(
      /^Prometheus source main cannot be reached: /,
    );
  });

  it('gives up after its timeout', async () => {
    server.use(
      http.post(QUERY_URL, async () => {
        await delay('infinite');
        return vector([]);
      }),
    );
    const impatient = PrometheusClient.create({
      name: 'main',
      baseUrl: BASE,
      timeoutMs: 50,
    });
    const error = await queryError(impatient);
    expect(error.message).toBe(
      'Prometheus source main did not answer within 0.05s',
    );
  });

  it('gives up when the caller aborts, with the caller’s reason, and asks Prometheus to stop by the caller’s deadline', async () => {
    let serverTimeout: string | null = null;
    let received = () => {};
    const reached = new Promise<void>(resolve => {
      received = resolve;
    });
    server.use(
      http.post(QUERY_URL, async ({ request }) => {
        serverTimeout = new URLSearchParams(await request.text()).get(
          'timeout',
        );
        received();
        await delay('infinite');
        return vector([]);
      }),
    );
    const caller = new AbortController();
    const reason = new PrometheusQueryError('the deadline has passed');
    const pending = client
      .instantQuery('up', T, { signal: caller.signal, remainingMs: 4_500 })
      .catch(e => e);
    await reached;
    caller.abort(reason);

    expect(await pending).toBe(reason);
    expect(serverTimeout).toBe('4s');
  });

  it('reports JSON cut short without repeating it', async () => {
    server.use(
      http.post(
        QUERY_URL,
        () =>
          new HttpResponse(
            '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"sre_slo":"slo:default/a"',
            { headers: { 'Content-Type': 'application/json' } },
          ),
      ),
    );
    const error = await queryError(client);
    expect(error.status).toBe(200);
    expect(error.isQueryError).toBe(false);
    expect(error.message).toBe(
      'Prometheus source main answered 200 OK with JSON that does not parse (96 characters; cut short?)',
    );
  });

  it('reports an answer that breaks off while it is read', async () => {
    server.use(
      http.post(QUERY_URL, () => {
        const body = new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"status":"succ'));
            controller.error(new Error('socket hang up'));
          },
        });
        return new HttpResponse(body, {
          headers: { 'Content-Type': 'application/json' },
        });
      }),
    );
    const error = await queryError(client);
    expect(error.isQueryError).toBe(false);
    expect(error.message).toBe(
      'Prometheus source main broke off its answer (200 OK): socket hang up',
    );
  });
});

describe('PrometheusClient errors', () => {
  // A tenant token in the path and a bearer token in the headers.
  const SECRET_BASE = 'http://prometheus.test/tenants/t-0a1b2c3d4e5f';
  const TOKEN = 'tok-9z8y7x6w5v4u';
  const secretClient = (options: { baseUrl?: string; timeoutMs?: number }) =>
    PrometheusClient.create({
      name: 'tenant-a',
      baseUrl: SECRET_BASE,
      headers: { Authorization: `Bearer ${TOKEN}` },
      timeoutMs: 20_000,
      ...options,
    });

  /** The error's message names the source and nothing of its URL or headers. */
  function expectNoSecret(error: PrometheusQueryError) {
    expect(error.message).toMatch(/^Prometheus source tenant-a /);
    for (const text of [error.message, String(error), error.stack ?? '']) {
      for (const secret of [
        'prometheus.test',
        't-0a1b2c3d4e5f',
        TOKEN,
        'pa55word-secret',
      ]) {
        expect(text).not.toContain(secret);
      }
    }
    expect(error.cause).toBeUndefined();
  }

  it.each([
    ['a network failure', () => HttpResponse.error(), /cannot be reached: /],
    [
      'a proxy page that repeats the request',
      ({ request }: { request: Request }) =>
        new HttpResponse(
          `<html>Upstream ${request.url} refused ${request.headers.get(
            'authorization',
          )}</html>`,
          { status: 502, statusText: 'Bad Gateway' },
        ),
      /^Prometheus source tenant-a answered 502 Bad Gateway without an API response: <html>Upstream \[redacted\]\/api\/v1\/query refused \[redacted\]<\/html>$/,
    ],
    [
      'an API error that repeats the request',
      ({ request }: { request: Request }) =>
        HttpResponse.json(
          {
            status: 'error',
            errorType: 'bad_data',
            error: `no tenant at ${new URL(request.url).host}${
              new URL(request.url).pathname
            } for ${request.headers.get('authorization')}`,
          },
          { status: 400 },
        ),
      /^Prometheus source tenant-a answered 400 \(bad_data\): no tenant at \[redacted\]/,
    ],
  ])(
    'never names the URL or the headers of the source: %s',
    async (_case, answer, message) => {
      server.use(http.post(`${SECRET_BASE}/api/v1/query`, answer));
      const error = await queryError(secretClient({}));
      expect(error.message).toMatch(message);
      expectNoSecret(error);
    },
  );

  it('never names a URL with credentials that fetch refuses, nor its timeout URL', async () => {
    // readPrometheusSources refuses such a URL; the client does not repeat it either.
    const withCredentials = await queryError(
      secretClient({
        baseUrl:
          'http://metrics:pa55word-secret@prometheus.test/tenants/t-0a1b2c3d4e5f',
      }),
    );
    expect(withCredentials.message).toMatch(
      /^Prometheus source tenant-a cannot be reached: /,
    );
    expectNoSecret(withCredentials);

    server.use(
      http.post(`${SECRET_BASE}/api/v1/query`, async () => {
        await delay('infinite');
        return vector([]);
      }),
    );
    const timeout = await queryError(secretClient({ timeoutMs: 50 }));
    expect(timeout.message).toBe(
      'Prometheus source tenant-a did not answer within 0.05s',
    );
    expectNoSecret(timeout);
  });
});
