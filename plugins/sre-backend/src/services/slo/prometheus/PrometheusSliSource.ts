import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  BURN_RATE_WINDOWS,
  BURN_RATE_WINDOW_MS,
  SloDefinition,
  WindowCounts,
  currentPeriod,
} from '@sre-catalog/backstage-plugin-sre-common';
import {
  SIDE_LABEL,
  SLO_LABEL,
  SliSide,
  WindowQuerySlo,
  buildWindowQuery,
  checkPrometheusSlo,
  sidesOf,
} from './buildWindowQuery';
import { PrometheusClient, PrometheusQueryError } from './PrometheusClient';
import { PrometheusWindowSliData } from './PrometheusWindowSliData';
import {
  PrometheusSources,
  readPrometheusSources,
} from './readPrometheusSources';

/** Why an SLO of the Prometheus source has no data this time. */
export type PrometheusSloFailure =
  /** Its source failed (unreachable, 5xx, timeout): the same error for all its SLOs. */
  | 'source-unavailable'
  /** It names a source that `sre.sources` does not configure. */
  | 'unknown-source'
  /** The source cannot evaluate it (time slices, a query shape it cannot sum). */
  | 'not-supported'
  /** Prometheus rejected its own query (400 bad_data, 422 execution). */
  | 'query-failed';

/** The outcome for one SLO. */
export type PrometheusSloResult =
  | { ok: true; sourceName: string; data: PrometheusWindowSliData }
  | {
      ok: false;
      sourceName?: string;
      reason: PrometheusSloFailure;
      error: string;
    };

/** Whether a source answered; for `SloStatusStore.recordSourceResult`. */
export type PrometheusSourceResult =
  | { ok: true }
  | { ok: false; error: string };

/** Result of {@link PrometheusSliSource.fetchWindows}. */
export type FetchWindowsResult = {
  /** One entry per SLO asked about, by SLO ref. */
  slos: Map<string, PrometheusSloResult>;
  /** One entry per source that was queried, by source name. */
  sources: Map<string, PrometheusSourceResult>;
};

/** Options of {@link PrometheusSliSource.create}. */
export type PrometheusSliSourceOptions = {
  sources: PrometheusSources;
  logger?: LoggerService;
  /** For tests; the global fetch otherwise. */
  fetch?: typeof fetch;
  /**
   * SLOs per query (default {@link DEFAULT_MAX_SLOS_PER_QUERY}): more SLOs than
   * this make several queries per window, so that no query grows so large that
   * Prometheus slows down or times out on it.
   */
  maxSlosPerQuery?: number;
  /** Queries in flight per source (default {@link DEFAULT_MAX_CONCURRENT_QUERIES}). */
  maxConcurrentQueries?: number;
};

/**
 * Measured on Prometheus 2.42 with 1000 SLOs (2 cores): one query of all of them
 * took 3-8 times longer than ten queries of 100, and 2000 SLOs in one query took
 * 15-40 s per window; 100 SLOs per query stays well under a second for short
 * windows.
 */
export const DEFAULT_MAX_SLOS_PER_QUERY = 100;
export const DEFAULT_MAX_CONCURRENT_QUERIES = 4;

const BURN_WINDOW_SECONDS = BURN_RATE_WINDOWS.map(
  w => BURN_RATE_WINDOW_MS[w] / 1000,
);

type SideValues = Partial<Record<SliSide, number>>;

/** Runs at most `max` tasks at a time, the others in the order they came. */
function concurrencyLimit(max: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active < max) active++;
    else await new Promise<void>(resolve => waiting.push(resolve));
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next task, or free it.
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

/**
 * The stored and shown error of a failed source. The client's own errors name the
 * source and carry no URL or header; anything else (a bug) is not repeated, since
 * it could hold either.
 */
function sourceErrorMessage(sourceName: string, error: unknown): string {
  if (error instanceof PrometheusQueryError) return error.message;
  return `Prometheus source ${sourceName} failed unexpectedly; see the backend logs`;
}

/** Whether Prometheus rejected the query itself (which splitting may isolate). */
function isQueryError(error: unknown): error is PrometheusQueryError {
  return error instanceof PrometheusQueryError && error.isQueryError;
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}

/**
 * Good and total events of a window from the two sides Prometheus returned. A
 * missing total means no data; a missing good or bad side with a total means none
 * of those events (Prometheus has no series for an error that never happened). A
 * NaN or infinite value makes the window unknown (no data). Counts are kept within
 * `0 <= good <= total`: queries of two sides scraped at different moments can
 * disagree slightly.
 */
export function countsFromSides(
  sides: readonly SliSide[],
  values: SideValues,
): WindowCounts {
  const none = { good: 0, total: 0 };
  if (sides.some(s => values[s] !== undefined && !Number.isFinite(values[s]))) {
    return none;
  }
  let good: number;
  let total: number;
  if (sides.includes('total')) {
    if (values.total === undefined) return none;
    total = values.total;
    good = sides.includes('good')
      ? values.good ?? 0
      : total - (values.bad ?? 0);
  } else {
    if (values.good === undefined && values.bad === undefined) return none;
    good = values.good ?? 0;
    total = good + (values.bad ?? 0);
  }
  total = Math.max(0, total);
  return { good: Math.min(Math.max(0, good), total), total };
}

/**
 * Reads SLIs from the Prometheus servers configured under `sre.sources`. For each
 * source it asks ONE instant query per window for all the SLOs of that source (the
 * seven burn-rate windows and each distinct period length; per batch of
 * {@link DEFAULT_MAX_SLOS_PER_QUERY} SLOs when there are more), never one per SLO.
 * The window sums then feed the same `evaluateSlo` as the built-in source.
 */
export class PrometheusSliSource {
  private constructor(
    private readonly clients: Map<string, PrometheusClient>,
    private readonly defaultName: string | undefined,
    private readonly maxSlosPerQuery: number,
    private readonly maxConcurrentQueries: number,
    private readonly logger?: LoggerService,
  ) {}

  static fromConfig(
    config: Config,
    options: Omit<PrometheusSliSourceOptions, 'sources'> = {},
  ): PrometheusSliSource {
    return PrometheusSliSource.create({
      ...options,
      sources: readPrometheusSources(config),
    });
  }

  static create(options: PrometheusSliSourceOptions): PrometheusSliSource {
    const clients = new Map(
      options.sources.sources.map(source => [
        source.name,
        PrometheusClient.create({ ...source, fetch: options.fetch }),
      ]),
    );
    return new PrometheusSliSource(
      clients,
      options.sources.defaultName,
      Math.max(1, options.maxSlosPerQuery ?? DEFAULT_MAX_SLOS_PER_QUERY),
      Math.max(
        1,
        options.maxConcurrentQueries ?? DEFAULT_MAX_CONCURRENT_QUERIES,
      ),
      options.logger,
    );
  }

  /** Names of the configured sources. */
  sourceNames(): string[] {
    return [...this.clients.keys()];
  }

  /** The source an SLO reads: its own source name, or the default one. */
  sourceNameOf(slo: SloDefinition): string | undefined {
    const source = slo.indicator.source;
    if (source.type !== 'prometheus') return undefined;
    return source.sourceName ?? this.defaultName;
  }

  /**
   * Fetches, at `nowMs`, the window sums of every given SLO that reads Prometheus.
   * Sources are asked in parallel; a source that fails makes all its SLOs fail
   * with its error and leaves the other sources unaffected. A query that
   * Prometheus rejects is split in halves until the SLOs at fault are found, so
   * one bad SLO document does not take down the others of its source.
   */
  async fetchWindows(
    slos: SloDefinition[],
    nowMs: number,
  ): Promise<FetchWindowsResult> {
    const result: FetchWindowsResult = { slos: new Map(), sources: new Map() };
    const bySource = new Map<string, SloDefinition[]>();
    for (const slo of slos) {
      const sourceName = this.sourceNameOf(slo);
      const unsupported = checkPrometheusSlo(slo);
      if (unsupported) {
        result.slos.set(slo.ref, {
          ok: false,
          sourceName,
          reason: 'not-supported',
          error: unsupported,
        });
      } else if (!sourceName || !this.clients.has(sourceName)) {
        result.slos.set(slo.ref, {
          ok: false,
          sourceName,
          reason: 'unknown-source',
          error: this.unknownSourceMessage(sourceName),
        });
      } else {
        const group = bySource.get(sourceName);
        if (group) group.push(slo);
        else bySource.set(sourceName, [slo]);
      }
    }

    await Promise.all(
      [...bySource].map(async ([sourceName, sourceSlos]) => {
        const started = Date.now();
        const fetched = await this.fetchSource(
          sourceName,
          this.clients.get(sourceName)!,
          sourceSlos,
          nowMs,
        );
        this.logger?.debug(
          `Prometheus source ${sourceName}: ${sourceSlos.length} SLOs, ${
            fetched.queries
          } queries in ${Date.now() - started} ms${
            fetched.sourceError ? `; failed: ${fetched.sourceError}` : ''
          }`,
        );
        result.sources.set(
          sourceName,
          fetched.sourceError
            ? { ok: false, error: fetched.sourceError }
            : { ok: true },
        );
        for (const slo of sourceSlos) {
          const queryError = fetched.failed.get(slo.ref);
          if (fetched.sourceError) {
            result.slos.set(slo.ref, {
              ok: false,
              sourceName,
              reason: 'source-unavailable',
              error: fetched.sourceError,
            });
          } else if (queryError) {
            result.slos.set(slo.ref, {
              ok: false,
              sourceName,
              reason: 'query-failed',
              error: queryError,
            });
          } else {
            result.slos.set(slo.ref, {
              ok: true,
              sourceName,
              data: fetched.data.get(slo.ref)!,
            });
          }
        }
      }),
    );
    return result;
  }

  private unknownSourceMessage(sourceName: string | undefined): string {
    const names = this.sourceNames();
    if (!names.length) {
      return 'No Prometheus source is configured: add one under sre.sources in app-config';
    }
    return `sre.sources has no source named ${sourceName}; the configured sources are ${names.join(
      ', ',
    )}`;
  }

  /** All windows of all SLOs of one source: one query per window and batch. */
  private async fetchSource(
    sourceName: string,
    client: PrometheusClient,
    slos: SloDefinition[],
    nowMs: number,
  ): Promise<{
    data: Map<string, PrometheusWindowSliData>;
    failed: Map<string, string>;
    sourceError?: string;
    queries: number;
  }> {
    // Which windows each SLO needs, and which SLOs each window serves (lengths in
    // seconds, all ending at now).
    const windowsOf = new Map<string, number[]>();
    const plan = new Map<number, SloDefinition[]>();
    for (const slo of slos) {
      const periodSeconds = Math.round(
        (nowMs - currentPeriod(slo.timeWindow, nowMs).startMs) / 1000,
      );
      const windows = [...new Set([...BURN_WINDOW_SECONDS, periodSeconds])];
      windowsOf.set(slo.ref, windows);
      for (const seconds of windows) {
        // A calendar period that starts right now has no events to ask for.
        if (seconds === 0) continue;
        const group = plan.get(seconds);
        if (group) group.push(slo);
        else plan.set(seconds, [slo]);
      }
    }

    const values = new Map<number, Map<string, SideValues>>();
    const failed = new Map<string, string>();
    const limit = concurrencyLimit(this.maxConcurrentQueries);
    let sourceFailure: unknown;
    let queries = 0;

    /** Queries one window; splits the SLOs when Prometheus rejects the query. */
    const queryWindow = async (
      seconds: number,
      group: SloDefinition[],
    ): Promise<void> => {
      const windowValues = values.get(seconds) ?? new Map();
      values.set(seconds, windowValues);
      const querySlos: WindowQuerySlo[] = group.map(slo => ({
        ref: slo.ref,
        source: slo.indicator.source as WindowQuerySlo['source'],
      }));
      try {
        const samples = await limit(() => {
          // Once the source has failed, the queued queries are not sent.
          if (sourceFailure) throw sourceFailure;
          queries++;
          return client
            .instantQuery(buildWindowQuery(querySlos, seconds), nowMs)
            .catch(error => {
              if (!isQueryError(error)) sourceFailure ??= error;
              throw error;
            });
        });
        for (const { metric, value } of samples) {
          const ref = metric[SLO_LABEL];
          const side = metric[SIDE_LABEL] as SliSide;
          if (!ref || !side) continue;
          windowValues.set(ref, { ...windowValues.get(ref), [side]: value });
        }
      } catch (error) {
        if (!isQueryError(error)) throw error;
        if (group.length === 1) {
          failed.set(
            group[0].ref,
            `Prometheus rejected the query of ${group[0].ref}: ${error.message}`,
          );
          return;
        }
        const half = Math.ceil(group.length / 2);
        await Promise.all([
          queryWindow(seconds, group.slice(0, half)),
          queryWindow(seconds, group.slice(half)),
        ]);
      }
    };

    const windows = [...plan.keys()].sort((a, b) => a - b);
    const queryWindows = (seconds: number[]) =>
      Promise.all(
        seconds.flatMap(s =>
          chunks(
            plan.get(s)!.filter(slo => !failed.has(slo.ref)),
            this.maxSlosPerQuery,
          ).map(batch => queryWindow(s, batch)),
        ),
      );
    try {
      // The shortest window first: it finds the SLOs with bad queries cheaply, and
      // the other windows are then asked without them.
      await queryWindows(windows.slice(0, 1));
      await queryWindows(windows.slice(1));
    } catch (error) {
      if (!(error instanceof PrometheusQueryError)) {
        // The backend's logger masks configured secrets (the headers).
        this.logger?.warn(
          `Prometheus source ${sourceName} failed unexpectedly`,
          error as Error,
        );
      }
      return {
        data: new Map(),
        failed,
        sourceError: sourceErrorMessage(sourceName, error),
        queries,
      };
    }

    const data = new Map<string, PrometheusWindowSliData>();
    for (const slo of slos) {
      if (failed.has(slo.ref)) continue;
      const sides = sidesOf(slo.indicator.source as WindowQuerySlo['source']);
      const counts = new Map<number, WindowCounts>();
      for (const seconds of windowsOf.get(slo.ref)!) {
        counts.set(
          seconds,
          countsFromSides(sides, values.get(seconds)?.get(slo.ref) ?? {}),
        );
      }
      data.set(slo.ref, new PrometheusWindowSliData(nowMs, counts));
    }
    return { data, failed, queries };
  }
}
