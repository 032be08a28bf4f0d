import { CustomErrorBase } from '@backstage/errors';
import { DEFAULT_PROMETHEUS_TIMEOUT_MS } from './readPrometheusSources';

/** One element of an instant vector. */
export type PrometheusSample = {
  metric: Record<string, string>;
  /** The value as Prometheus sent it: may be NaN or ±Infinity. */
  value: number;
};

/** Options of {@link PrometheusClient.create}. */
export type PrometheusClientOptions = {
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

function parseVector(result: unknown): PrometheusSample[] {
  if (!Array.isArray(result)) {
    throw new PrometheusQueryError('Prometheus answered without a result list');
  }
  return result.map(item => {
    const metric =
      item && typeof item.metric === 'object' && item.metric !== null
        ? (item.metric as Record<string, string>)
        : {};
    const value = Array.isArray(item?.value) ? item.value[1] : undefined;
    return { metric, value: parsePrometheusValue(value) };
  });
}

/** Reads Prometheus' HTTP API (`/api/v1/query`). */
export class PrometheusClient {
  private constructor(
    private readonly queryUrl: string,
    private readonly headers: Record<string, string>,
    private readonly timeoutMs: number,
    private readonly fetchFn?: typeof fetch,
  ) {}

  static create(options: PrometheusClientOptions): PrometheusClient {
    return new PrometheusClient(
      `${options.baseUrl.replace(/\/+$/, '')}/api/v1/query`,
      options.headers ?? {},
      options.timeoutMs ?? DEFAULT_PROMETHEUS_TIMEOUT_MS,
      options.fetch,
    );
  }

  /**
   * Evaluates `query` at `timeMs` and returns its instant vector (a scalar result
   * comes back as one sample without labels). POSTed form-encoded: the queries of
   * many SLOs are too long for a URL.
   */
  async instantQuery(
    query: string,
    timeMs: number,
  ): Promise<PrometheusSample[]> {
    const body = new URLSearchParams({
      query,
      time: (timeMs / 1000).toString(),
      timeout: `${Math.max(1, Math.floor(this.timeoutMs / 1000))}s`,
    });
    let response: Response;
    try {
      // The global fetch is looked up per call, so that it can be replaced later.
      const fetchFn = this.fetchFn ?? globalThis.fetch;
      response = await fetchFn(this.queryUrl, {
        method: 'POST',
        headers: { ...this.headers, Accept: 'application/json' },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const e = error as Error;
      if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
        throw new PrometheusQueryError(
          `Prometheus at ${this.queryUrl} did not answer within ${
            this.timeoutMs / 1000
          }s`,
        );
      }
      const cause = (e?.cause as Error | undefined)?.message;
      throw new PrometheusQueryError(
        `Cannot reach Prometheus at ${this.queryUrl}: ${
          cause ?? e?.message ?? String(error)
        }`,
      );
    }

    const text = await response.text().catch(() => '');
    let json: PrometheusResponse | undefined;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!json || typeof json !== 'object' || !json.status) {
      throw new PrometheusQueryError(
        `Prometheus at ${this.queryUrl} answered ${response.status} ${
          response.statusText
        } without an API response${
          text ? `: ${text.slice(0, 200).trim()}` : ''
        }`,
        { status: response.status },
      );
    }
    if (!response.ok || json.status !== 'success') {
      throw new PrometheusQueryError(
        `Prometheus answered ${response.status}${
          json.errorType ? ` (${json.errorType})` : ''
        }: ${json.error ?? 'no error message'}`,
        { status: response.status, errorType: json.errorType },
      );
    }
    const resultType = json.data?.resultType;
    if (resultType === 'vector') return parseVector(json.data?.result);
    if (resultType === 'scalar' && Array.isArray(json.data?.result)) {
      return [
        { metric: {}, value: parsePrometheusValue(json.data!.result[1]) },
      ];
    }
    throw new PrometheusQueryError(
      `Prometheus answered with a ${resultType} where an instant vector was expected`,
    );
  }
}
