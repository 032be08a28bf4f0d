import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/** One Prometheus that SLIs can be read from (an entry of `sre.sources`). */
export type PrometheusSourceConfig = {
  /** The name SLIs refer to (OpenSLO `metricSourceRef`). */
  name: string;
  /** URL of the Prometheus HTTP API root, without `/api/v1`. */
  baseUrl: string;
  /** Sent with every query, e.g. `Authorization`. */
  headers: Record<string, string>;
  /** How long one query may take. */
  timeoutMs: number;
  /**
   * How long all the queries of one evaluation may take together (default
   * {@link DEFAULT_PROMETHEUS_DEADLINE_MS}); a query still running then is
   * aborted, and the source fails for that evaluation.
   */
  deadlineMs?: number;
};

/** The configured Prometheus sources and the one SLIs without a source name use. */
export type PrometheusSources = {
  sources: PrometheusSourceConfig[];
  /** Undefined only when no source is configured. */
  defaultName?: string;
};

/** Timeout of a query when the source does not set one. */
export const DEFAULT_PROMETHEUS_TIMEOUT_MS = 30_000;
/**
 * Deadline of all the queries of an evaluation when the source does not set one:
 * under the default evaluation interval (30 s), so that a slow source does not
 * make the evaluations that wait for it late.
 */
export const DEFAULT_PROMETHEUS_DEADLINE_MS = 25_000;

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function readBaseUrl(source: Config, key: string): string {
  const raw = source.getString('baseUrl').trim();
  // Refused before anything else, so that no message repeats the credentials.
  const credentials = `Invalid config ${key}.baseUrl: the URL must not hold credentials (user:password@); put them in ${key}.headers, e.g. Authorization: Basic <base64 of user:password> or Authorization: Bearer <token>`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    if (raw.includes('@')) throw new Error(credentials);
    throw new Error(
      `Invalid config ${key}.baseUrl: ${JSON.stringify(
        raw,
      )} is not a URL such as http://prometheus:9090`,
    );
  }
  if (url.username || url.password) throw new Error(credentials);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(
      `Invalid config ${key}.baseUrl: the protocol must be http or https, not ${url.protocol}`,
    );
  }
  if (url.search || url.hash) {
    throw new Error(
      `Invalid config ${key}.baseUrl: give the API root without a query or fragment`,
    );
  }
  return url.toString().replace(/\/+$/, '');
}

function readHeaders(source: Config, key: string): Record<string, string> {
  const headers = source.getOptionalConfig('headers');
  const result: Record<string, string> = {};
  for (const name of headers?.keys() ?? []) {
    if (!HEADER_NAME.test(name)) {
      throw new Error(
        `Invalid config ${key}.headers.${name}: not a valid HTTP header name`,
      );
    }
    result[name] = headers!.getString(name);
  }
  return result;
}

function readPositiveDuration(
  source: Config,
  key: string,
  name: 'timeout' | 'deadline',
  defaultMs: number,
): number {
  if (!source.has(name)) return defaultMs;
  let ms: number;
  try {
    ms = durationToMilliseconds(readDurationFromConfig(source, { key: name }));
  } catch (error) {
    throw new Error(
      `Invalid config ${key}.${name}: ${
        (error as Error).message
      }; use a duration such as 30s or { seconds: 30 }`,
    );
  }
  if (!(ms > 0)) {
    throw new Error(`Invalid config ${key}.${name}: must be longer than 0`);
  }
  return ms;
}

/**
 * Reads `sre.sources`: a list of `{ name, type: prometheus, baseUrl, headers?,
 * timeout?, deadline?, default? }`. Names are unique; the source marked `default: true` (at
 * most one), or else the first, is the one SLIs without a `metricSourceRef` read.
 * Throws naming the bad key.
 */
export function readPrometheusSources(config: Config): PrometheusSources {
  const entries = config.getOptionalConfigArray('sre.sources') ?? [];
  const sources: PrometheusSourceConfig[] = [];
  const defaults: string[] = [];
  entries.forEach((source, index) => {
    const key = `sre.sources[${index}]`;
    const name = source.getString('name').trim();
    if (!NAME.test(name)) {
      throw new Error(
        `Invalid config ${key}.name: ${JSON.stringify(
          name,
        )} must be letters, digits, dots, dashes and underscores`,
      );
    }
    if (sources.some(s => s.name === name)) {
      throw new Error(
        `Invalid config ${key}.name: another source is already named ${name}`,
      );
    }
    const type = source.getString('type');
    if (type !== 'prometheus') {
      throw new Error(
        `Invalid config ${key}.type: ${JSON.stringify(
          type,
        )} is not supported; the only source type is prometheus`,
      );
    }
    if (source.getOptionalBoolean('default')) defaults.push(name);
    sources.push({
      name,
      baseUrl: readBaseUrl(source, key),
      headers: readHeaders(source, key),
      timeoutMs: readPositiveDuration(
        source,
        key,
        'timeout',
        DEFAULT_PROMETHEUS_TIMEOUT_MS,
      ),
      deadlineMs: readPositiveDuration(
        source,
        key,
        'deadline',
        DEFAULT_PROMETHEUS_DEADLINE_MS,
      ),
    });
  });
  if (defaults.length > 1) {
    throw new Error(
      `Invalid config sre.sources: only one source may be the default; ${defaults.join(
        ' and ',
      )} both set default: true`,
    );
  }
  return { sources, defaultName: defaults[0] ?? sources[0]?.name };
}
