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

function parseVector(source: string, result: unknown): PrometheusSample[] {
  if (!Array.isArray(result)) {
    throw new PrometheusQueryError(
      `Prometheus source ${source} answered without a result list`,
    );
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
    private readonly name: string,
    private readonly queryUrl: string,
    private readonly headers: Record<string, string>,
    private readonly timeoutMs: number,
    private readonly redact: (text: string) => string,
    private readonly fetchFn?: typeof fetch,
  ) {}

  static create(options: PrometheusClientOptions): PrometheusClient {
    const headers = options.headers ?? {};
    return new PrometheusClient(
      options.name,
      `${options.baseUrl.replace(/\/+$/, '')}/api/v1/query`,
      headers,
      options.timeoutMs ?? DEFAULT_PROMETHEUS_TIMEOUT_MS,
      createRedactor(options.baseUrl, headers),
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
          `Prometheus source ${this.name} did not answer within ${
            this.timeoutMs / 1000
          }s`,
        );
      }
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

    const text = await response.text().catch(() => '');
    let json: PrometheusResponse | undefined;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
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
    const resultType = json.data?.resultType;
    if (resultType === 'vector') {
      return parseVector(this.name, json.data?.result);
    }
    if (resultType === 'scalar' && Array.isArray(json.data?.result)) {
      return [
        { metric: {}, value: parsePrometheusValue(json.data!.result[1]) },
      ];
    }
    throw new PrometheusQueryError(
      `Prometheus source ${this.name} answered with a ${this.redact(
        String(resultType),
      )} where an instant vector was expected`,
    );
  }
}
