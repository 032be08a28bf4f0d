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
  SideValues,
  attributeSamples,
  newPartNonces,
} from './attributeSamples';
import {
  SliSide,
  WindowQuerySlo,
  buildWindowQuery,
  checkPrometheusSlo,
  checkSideQueries,
  sidesOf,
} from './buildWindowQuery';
import { PrometheusClient, PrometheusQueryError } from './PrometheusClient';
import { PrometheusWindowSliData } from './PrometheusWindowSliData';
import { fetchSlothWindows } from './fetchSlothWindows';
import {
  DEFAULT_PROMETHEUS_DEADLINE_MS,
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
  | 'query-failed'
  /**
   * Its query is not sent or its answer not used, since it could pass for other
   * SLOs' series in the batch query: it is not one self-contained expression, or
   * the answer held series that no wrapper of the batch writes.
   */
  | 'query-refused';

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

/** Why one SLO of a source failed while the source itself answered. */
type SloFailure = {
  reason: Exclude<PrometheusSloFailure, 'source-unavailable'>;
  error: string;
};

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
 * The window sums then feed the same `evaluateSlo` as the built-in source. SLOs
 * that declare Sloth recording rules read their windows from those first (one
 * query per series name for all of them, see `fetchSlothWindows`), and from their
 * own queries only the windows that have no rule series.
 */
export class PrometheusSliSource {
  private constructor(
    private readonly clients: Map<
      string,
      { client: PrometheusClient; deadlineMs: number }
    >,
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
        {
          client: PrometheusClient.create({ ...source, fetch: options.fetch }),
          deadlineMs: source.deadlineMs ?? DEFAULT_PROMETHEUS_DEADLINE_MS,
        },
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
   * Sources are asked in parallel, each within its deadline; a source that fails
   * (down, 5xx, an answer cut short, too slow) makes all its SLOs fail with its
   * error and leaves the other sources unaffected. A query that Prometheus
   * rejects, or whose answer holds series that its wrappers cannot have written,
   * is split in halves until the SLOs at fault are found, so one bad SLO
   * document does not take down the others of its source; a query that is not
   * one self-contained expression is not sent at all.
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
      const refused = unsupported
        ? undefined
        : checkSideQueries(
            slo.ref,
            slo.indicator.source as WindowQuerySlo['source'],
          );
      if (unsupported) {
        result.slos.set(slo.ref, {
          ok: false,
          sourceName,
          reason: 'not-supported',
          error: unsupported,
        });
      } else if (refused) {
        result.slos.set(slo.ref, {
          ok: false,
          sourceName,
          reason: 'query-refused',
          error: refused,
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
        const { client, deadlineMs } = this.clients.get(sourceName)!;
        const fetched = await this.fetchSource(
          sourceName,
          client,
          deadlineMs,
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
          const failure = fetched.failed.get(slo.ref);
          if (fetched.sourceError) {
            result.slos.set(slo.ref, {
              ok: false,
              sourceName,
              reason: 'source-unavailable',
              error: fetched.sourceError,
            });
          } else if (failure) {
            result.slos.set(slo.ref, { ok: false, sourceName, ...failure });
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

  /**
   * All windows of all SLOs of one source: one query per window and batch, all
   * within `deadlineMs` (then the queries still running are aborted and the
   * source fails; the answer comes back on time even if a request ignores it).
   */
  private async fetchSource(
    sourceName: string,
    client: PrometheusClient,
    deadlineMs: number,
    slos: SloDefinition[],
    nowMs: number,
  ): Promise<{
    data: Map<string, PrometheusWindowSliData>;
    failed: Map<string, SloFailure>;
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
    const failed = new Map<string, SloFailure>();
    const limit = concurrencyLimit(this.maxConcurrentQueries);
    const aborter = new AbortController();
    const deadlineAt = Date.now() + deadlineMs;
    let sourceFailure: unknown;
    let queries = 0;

    /** Sends one query of Sloth's recording rules, within the same limits. */
    const askRules = (query: string) =>
      limit(async () => {
        if (sourceFailure) throw sourceFailure;
        queries++;
        try {
          return await client.instantQuery(query, nowMs, {
            signal: aborter.signal,
            remainingMs: deadlineAt - Date.now(),
          });
        } catch (error) {
          if (!isQueryError(error)) sourceFailure ??= error;
          throw error;
        }
      });
    /** Windows read from Sloth's recording rules, by SLO ref and seconds. */
    let fromRules = new Map<string, Map<number, WindowCounts>>();

    /**
     * Asks one batch query of a window and checks that every series of the
     * answer is one that the wrapper of its SLO and side in this very query
     * wrote: each part's nonce is new, random and written nowhere else.
     */
    const ask = (seconds: number, querySlos: WindowQuerySlo[]) =>
      limit(async () => {
        // Once the source has failed, the queued queries are not sent.
        if (sourceFailure) throw sourceFailure;
        queries++;
        const nonces = newPartNonces(querySlos);
        try {
          const samples = await client.instantQuery(
            buildWindowQuery(querySlos, seconds, nonces),
            nowMs,
            { signal: aborter.signal, remainingMs: deadlineAt - Date.now() },
          );
          return attributeSamples(samples, nonces);
        } catch (error) {
          if (!isQueryError(error)) sourceFailure ??= error;
          throw error;
        }
      });

    /**
     * Queries one window; when Prometheus rejects the query or its answer cannot
     * be trusted, splits the SLOs in halves until the ones at fault are alone.
     */
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
      let failure: (ref: string) => SloFailure;
      try {
        const answer = await ask(seconds, querySlos);
        if ('values' in answer) {
          for (const [ref, sides] of answer.values)
            windowValues.set(ref, sides);
          return;
        }
        failure = ref => ({
          reason: 'query-refused',
          error: `The answer to the query of ${ref} held series that its own query cannot produce (${answer.problem}); none of it is used`,
        });
      } catch (error) {
        if (!isQueryError(error)) throw error;
        failure = ref => ({
          reason: 'query-failed',
          error: `Prometheus rejected the query of ${ref}: ${error.message}`,
        });
      }
      if (group.length === 1) {
        failed.set(group[0].ref, failure(group[0].ref));
        return;
      }
      const half = Math.ceil(group.length / 2);
      await Promise.all([
        queryWindow(seconds, group.slice(0, half)),
        queryWindow(seconds, group.slice(half)),
      ]);
    };

    const windows = [...plan.keys()].sort((a, b) => a - b);
    const queryWindows = (seconds: number[]) =>
      Promise.all(
        seconds.flatMap(s =>
          chunks(
            plan
              .get(s)!
              .filter(
                slo => !failed.has(slo.ref) && !fromRules.get(slo.ref)?.has(s),
              ),
            this.maxSlosPerQuery,
          ).map(batch => queryWindow(s, batch)),
        ),
      );
    const work = (async () => {
      // Sloth's recording rules first: one query per series name for all SLOs
      // that declare them; the raw queries then ask only for what they lack.
      fromRules = await fetchSlothWindows(slos, {
        query: askRules,
        onQueryError: (seriesName, error) =>
          this.logger?.warn(
            `Prometheus source ${sourceName} rejected the query of ${seriesName}; its windows are read from the SLIs' own queries: ${error.message}`,
          ),
      });
      // The shortest window first: it finds the SLOs with bad queries cheaply, and
      // the other windows are then asked without them.
      await queryWindows(windows.slice(0, 1));
      await queryWindows(windows.slice(1));
    })();
    // Once the deadline has passed, what the queries still do no longer matters.
    work.catch(() => undefined);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        const error = new PrometheusQueryError(
          `Prometheus source ${sourceName} did not answer all the queries of this evaluation within its deadline of ${
            deadlineMs / 1000
          }s`,
        );
        sourceFailure ??= error;
        aborter.abort(error);
        reject(error);
      }, deadlineMs);
    });
    try {
      await Promise.race([work, deadline]);
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
    } finally {
      clearTimeout(timer);
      // The queries of a failed source that are still running are not waited for.
      aborter.abort();
    }

    const data = new Map<string, PrometheusWindowSliData>();
    for (const slo of slos) {
      if (failed.has(slo.ref)) continue;
      const sides = sidesOf(slo.indicator.source as WindowQuerySlo['source']);
      const counts = new Map<number, WindowCounts>();
      const ruled = fromRules.get(slo.ref);
      for (const seconds of windowsOf.get(slo.ref)!) {
        counts.set(
          seconds,
          ruled?.get(seconds) ??
            countsFromSides(sides, values.get(seconds)?.get(slo.ref) ?? {}),
        );
      }
      data.set(
        slo.ref,
        new PrometheusWindowSliData(nowMs, counts, new Set(ruled?.keys())),
      );
    }
    return { data, failed, queries };
  }
}
