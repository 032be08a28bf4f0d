import { CustomErrorBase } from '@backstage/errors';
import { DEFAULT_PROMETHEUS_TIMEOUT_MS } from './readPrometheusSources';

/** One element of an instant vector. */
export type PrometheusSample = {
  metric: Record<string, string>;
  /** The value as Prometheus sent it: may be NaN or ±Infinity. */
  value: number;
};

/** One series of a range query: its values at the evaluation times, in time order. */
export type PrometheusSeries = {
  metric: Record<string, string>;
  /** `[timeMs, value]`; a time at which the series has no value is absent. */
  points: Array<[number, number]>;
};

/** Options of {@link PrometheusClient.create}. */
export type PrometheusClientOptions = {
  /**
   * The source's name (`sre.sources[].name`). Errors name the source by it, never
   * by its URL or headers: they are stored as the SLO's `lastError` and shown.
   */
  name: string;
  /** The API root, e.g. `http://prometheus:9090` (without `/api/v1`). */
  baseUrl: string;
  /** Sent with every request, e.g. `{ Authorization: 'Bearer …' }`. */
  headers?: Record<string, string>;
  /** Aborts a query after this long; also sent as Prometheus' own `timeout`. */
  timeoutMs?: number;
  /** For tests; the global fetch otherwise. */
  fetch?: typeof fetch;
};

/**
 * A failed query: `status` is the HTTP status when Prometheus answered (400 bad
 * query, 422 execution error, 503 timeout or overload, ...), undefined when it could
 * not be reached; `errorType` is Prometheus' own (`bad_data`, `execution`, ...).
 */
export class PrometheusQueryError extends CustomErrorBase {
  name = 'PrometheusQueryError' as const;
  readonly status?: number;
  readonly errorType?: string;

  constructor(
    message: string,
    details: { status?: number; errorType?: string; cause?: unknown } = {},
  ) {
    super(message, details.cause);
    this.status = details.status;
    this.errorType = details.errorType;
  }

  /** Whether the query itself is at fault (rather than the server or the network). */
  get isQueryError(): boolean {
    return (
      (this.status === 400 && this.errorType === 'bad_data') ||
      (this.status === 422 && this.errorType === 'execution')
    );
  }
}

type PrometheusResponse = {
  status?: string;
  errorType?: string;
  error?: string;
  data?: { resultType?: string; result?: unknown };
};

/** Prometheus writes special floats as `NaN`, `+Inf` and `-Inf`. */
export function parsePrometheusValue(text: unknown): number {
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (typeof text !== 'string' || text.trim() === '') return NaN;
  return Number(text);
}

/** Header values and their words shorter than this are not worth redacting. */
const MIN_SECRET_LENGTH = 8;

/**
 * Removes the source's URL, host and header values from text that Prometheus, a
 * proxy or fetch wrote (a proxy's error page or fetch's own message may repeat
 * the URL; a credential in it must never reach a stored error).
 */
function createRedactor(
  baseUrl: string,
  headers: Record<string, string>,
): (text: string) => string {
  const secrets = new Set<string>([baseUrl]);
  try {
    const url = new URL(baseUrl);
    secrets.add(url.href);
    secrets.add(url.host);
    // A path may hold a tenant or a token (`/tenants/<id>`); `/` or `/prom` do not.
    const path = url.pathname.replace(/\/+$/, '');
    if (path.length >= MIN_SECRET_LENGTH) secrets.add(path);
    for (const part of [url.username, url.password]) {
      if (part) {
        secrets.add(part);
        secrets.add(decodeURIComponent(part));
      }
    }
  } catch {
    // Not a URL: the whole string is redacted.
  }
  for (const value of Object.values(headers)) {
    for (const secret of [value, ...value.split(/\s+/)]) {
      if (secret.length >= MIN_SECRET_LENGTH) secrets.add(secret);
    }
  }
  // Longest first, so that a URL goes as a whole rather than host by host.
  const sorted = [...secrets]
    .filter(secret => secret.length > 0)
    .sort((a, b) => b.length - a.length);
  return text => {
    let result = text;
    for (const secret of sorted) {
      result = result.split(secret).join('[redacted]');
    }
    return result;
  };
}

/**
 * Maps each series of an answer's result list with its labels ({} when it has
 * none); an answer without a list is an error.
 */
function mapResult<T>(
  source: string,
  result: unknown,
  map: (item: any, metric: Record<string, string>) => T,
): T[] {
  if (!Array.isArray(result)) {
    throw new PrometheusQueryError(
      `Prometheus source ${source} answered without a result list`,
    );
  }
  return result.map(item =>
    map(
      item,
      item && typeof item.metric === 'object' && item.metric !== null
        ? (item.metric as Record<string, string>)
        : {},
    ),
  );
}

function parseVector(source: string, result: unknown): PrometheusSample[] {
  return mapResult(source, result, (item, metric) => {
    const value = Array.isArray(item?.value) ? item.value[1] : undefined;
    return { metric, value: parsePrometheusValue(value) };
  });
}

function parseMatrix(source: string, result: unknown): PrometheusSeries[] {
  return mapResult(source, result, (item, metric) => {
    const values: unknown[] = Array.isArray(item?.values) ? item.values : [];
    const points: Array<[number, number]> = [];
    for (const value of values) {
      const pair: unknown[] = Array.isArray(value) ? value : [];
      const time = Number(pair[0] ?? NaN);
      if (!Number.isFinite(time)) {
        throw new PrometheusQueryError(
          `Prometheus source ${source} answered a range with a point without a time`,
        );
      }
      points.push([Math.round(time * 1000), parsePrometheusValue(pair[1])]);
    }
    return { metric, points };
  });
}

/** Whether an answer meant to be JSON: its content type, or its first character. */
function looksLikeJson(response: Response, text: string): boolean {
  const type = response.headers.get('content-type') ?? '';
  return /\bjson\b/i.test(type) || /^\s*[{[]/.test(text);
}

/** Reads Prometheus' HTTP API (`/api/v1/query` and `/api/v1/query_range`). */
export class PrometheusClient {
  private constructor(
    private readonly name: string,
    private readonly apiUrl: string,
    private readonly headers: Record<string, string>,
    private readonly timeoutMs: number,
    private readonly redact: (text: string) => string,
    private readonly fetchFn?: typeof fetch,
  ) {}

  static create(options: PrometheusClientOptions): PrometheusClient {
    const headers = options.headers ?? {};
    return new PrometheusClient(
      options.name,
      `${options.baseUrl.replace(/\/+$/, '')}/api/v1`,
      headers,
      options.timeoutMs ?? DEFAULT_PROMETHEUS_TIMEOUT_MS,
      createRedactor(options.baseUrl, headers),
      options.fetch,
    );
  }

  /**
   * Evaluates `query` at `timeMs` and returns its instant vector (a scalar result
   * comes back as one sample without labels). POSTed form-encoded: the queries of
   * many SLOs are too long for a URL. Gives up after the client's timeout, or when
   * `options.signal` aborts (with the signal's reason when that is a
   * {@link PrometheusQueryError}); the answer's body is read under the same
   * limits, so a server that sends its headers and then stalls cannot hold the
   * caller either. Prometheus is asked to give up by then too, or by
   * `options.remainingMs` when that is sooner (the caller's deadline).
   */
  async instantQuery(
    query: string,
    timeMs: number,
    options: { signal?: AbortSignal; remainingMs?: number } = {},
  ): Promise<PrometheusSample[]> {
    const data = await this.post(
      'query',
      { query, time: (timeMs / 1000).toString() },
      options,
    );
    const resultType = data?.resultType;
    if (resultType === 'vector') {
      return parseVector(this.name, data?.result);
    }
    if (resultType === 'scalar' && Array.isArray(data?.result)) {
      return [{ metric: {}, value: parsePrometheusValue(data!.result[1]) }];
    }
    throw new PrometheusQueryError(
      `Prometheus source ${this.name} answered with a ${this.redact(
        String(resultType),
      )} where an instant vector was expected`,
    );
  }

  /**
   * Evaluates `query` at `startMs`, `startMs + stepMs`, … up to `endMs` and returns
   * its series (`/api/v1/query_range`), under the same limits as
   * {@link PrometheusClient.instantQuery}.
   */
  async rangeQuery(
    query: string,
    range: { startMs: number; endMs: number; stepMs: number },
    options: { signal?: AbortSignal; remainingMs?: number } = {},
  ): Promise<PrometheusSeries[]> {
    const data = await this.post(
      'query_range',
      {
        query,
        start: (range.startMs / 1000).toString(),
        end: (range.endMs / 1000).toString(),
        step: (range.stepMs / 1000).toString(),
      },
      options,
    );
    if (data?.resultType === 'matrix') {
      return parseMatrix(this.name, data.result);
    }
    throw new PrometheusQueryError(
      `Prometheus source ${this.name} answered with a ${this.redact(
        String(data?.resultType),
      )} where a range vector was expected`,
    );
  }

  /** POSTs `params` to an API endpoint and returns the `data` of a successful answer. */
  private async post(
    endpoint: 'query' | 'query_range',
    params: Record<string, string>,
    options: { signal?: AbortSignal; remainingMs?: number },
  ): Promise<PrometheusResponse['data']> {
    const serverTimeoutMs = Math.min(
      this.timeoutMs,
      options.remainingMs ?? Infinity,
    );
    const body = new URLSearchParams({
      ...params,
      timeout: `${Math.max(1, Math.floor(serverTimeoutMs / 1000))}s`,
    });
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = options.signal
      ? AbortSignal.any([timeout, options.signal])
      : timeout;
    /** The error of an aborted request: the caller's reason, or the timeout. */
    const abortError = () => {
      const reason = options.signal?.aborted
        ? options.signal.reason
        : undefined;
      if (reason instanceof PrometheusQueryError) return reason;
      return new PrometheusQueryError(
        `Prometheus source ${this.name} did not answer within ${
          this.timeoutMs / 1000
        }s`,
      );
    };
    let response: Response | undefined;
    // A connection that fails before any answer is tried once more: a kept-alive
    // connection that the server or a proxy closed while idle fails the first
    // request on it, and one such request would fail the whole source.
    for (let attempt = 1; !response; attempt++) {
      try {
        // The global fetch is looked up per call, so that it can be replaced later.
        const fetchFn = this.fetchFn ?? globalThis.fetch;
        response = await fetchFn(`${this.apiUrl}/${endpoint}`, {
          method: 'POST',
          headers: { ...this.headers, Accept: 'application/json' },
          body,
          signal,
        });
      } catch (error) {
        const e = error as Error;
        if (
          signal.aborted ||
          e?.name === 'TimeoutError' ||
          e?.name === 'AbortError'
        ) {
          throw abortError();
        }
        if (attempt < 2) continue;
        // The error itself is not kept as the cause: fetch's messages name the URL.
        const cause = e?.cause as NodeJS.ErrnoException | undefined;
        const reason =
          cause?.code ?? cause?.message ?? e?.message ?? String(error);
        throw new PrometheusQueryError(
          `Prometheus source ${this.name} cannot be reached: ${this.redact(
            reason,
          )}`,
        );
      }
    }

    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      if (signal.aborted) throw abortError();
      const e = error as Error;
      const cause = e?.cause as NodeJS.ErrnoException | undefined;
      const reason = cause?.code ?? cause?.message ?? e?.message;
      throw new PrometheusQueryError(
        `Prometheus source ${this.name} broke off its answer (${
          response.status
        } ${response.statusText})${
          reason ? `: ${this.redact(String(reason))}` : ''
        }`,
        { status: response.status },
      );
    }
    let json: PrometheusResponse | undefined;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (json === undefined && looksLikeJson(response, text)) {
      // Cut short on the way (a proxy, a dropped connection): the excerpt would
      // be the start of a result, not an explanation.
      throw new PrometheusQueryError(
        `Prometheus source ${this.name} answered ${response.status} ${response.statusText} with JSON that does not parse (${text.length} characters; cut short?)`,
        { status: response.status },
      );
    }
    if (!json || typeof json !== 'object' || !json.status) {
      // Redacted before it is cut, so that no part of a secret is left.
      const excerpt = this.redact(text).slice(0, 200).trim();
      throw new PrometheusQueryError(
        `Prometheus source ${this.name} answered ${response.status} ${
          response.statusText
        } without an API response${excerpt ? `: ${excerpt}` : ''}`,
        { status: response.status },
      );
    }
    if (!response.ok || json.status !== 'success') {
      throw new PrometheusQueryError(
        `Prometheus source ${this.name} answered ${response.status}${
          json.errorType ? ` (${this.redact(String(json.errorType))})` : ''
        }: ${this.redact(String(json.error ?? 'no error message'))}`,
        { status: response.status, errorType: json.errorType },
      );
    }
    return json.data;
  }
}
