import { LoggerService } from '@backstage/backend-plugin-api';
import { concurrencyLimit } from './concurrencyLimit';
import { PrometheusQueryError } from './PrometheusClient';
import type { PrometheusQueryFailure } from './PrometheusSloResult';
import type { PrometheusSourceEntry } from './PrometheusSourceSet';

/** What a query of a run is given: the run's abort signal and the time it has left. */
export type QueryLimits = { signal: AbortSignal; remainingMs: number };

/** The queries of one source in one run. */
export type SourceRun = {
  /** The source asked. */
  readonly source: PrometheusSourceEntry;
  /**
   * Sends one query when a slot is free. Once the source has failed, throws its
   * failure instead of sending. Any error but a rejected query (see
   * `PrometheusQueryError.isQueryError`) fails the source.
   */
  send<T>(query: (limits: QueryLimits) => Promise<T>): Promise<T>;
  /** Whether the source has failed: then no data of this run may be used. */
  hasFailed(): boolean;
  /** The SLOs found at fault while the source answered, by ref. */
  readonly failed: Map<string, PrometheusQueryFailure>;
};

/**
 * How a run went: its value, or the stored and shown error of the source; and
 * the SLOs at fault (see {@link SourceRun.failed}).
 */
export type SourceRunOutcome<T> = (
  | { ok: true; value: T }
  | { ok: false; sourceError: string }
) & { queries: number; failed: ReadonlyMap<string, PrometheusQueryFailure> };

/** Options of {@link runSourceQueries}. */
export type RunSourceQueriesOptions = {
  maxConcurrentQueries: number;
  logger?: LoggerService;
  /** The run's queries in the deadline's message, e.g. `queries of this evaluation`. */
  queriesName: string;
  /** What was asked, for the debug log, e.g. `12 SLOs`. */
  subject: string;
};

/** Whether Prometheus rejected the query itself (which splitting may isolate). */
export function isRejectedQuery(error: unknown): error is PrometheusQueryError {
  return error instanceof PrometheusQueryError && error.isQueryError;
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

/**
 * Runs `work`, which sends the queries of one source through its {@link SourceRun},
 * at most `maxConcurrentQueries` at a time and all within the source's deadline:
 * then the queries still running are aborted and the source fails (the outcome
 * comes back on time even if a request ignores the abort). A source that fails
 * (down, 5xx, an answer cut short, too slow) fails the run; a rejected query is
 * `work`'s to handle.
 */
export async function runSourceQueries<T>(
  source: PrometheusSourceEntry,
  options: RunSourceQueriesOptions,
  work: (run: SourceRun) => Promise<T>,
): Promise<SourceRunOutcome<T>> {
  const { name, deadlineMs } = source;
  const started = Date.now();
  const limit = concurrencyLimit(options.maxConcurrentQueries);
  const aborter = new AbortController();
  const deadlineAt = Date.now() + deadlineMs;
  let sourceFailure: unknown;
  let queries = 0;

  const run: SourceRun = {
    source,
    send: query =>
      limit(async () => {
        // Once the source has failed, the queued queries are not sent.
        if (sourceFailure) throw sourceFailure;
        queries++;
        try {
          return await query({
            signal: aborter.signal,
            remainingMs: deadlineAt - Date.now(),
          });
        } catch (error) {
          if (!isRejectedQuery(error)) sourceFailure ??= error;
          throw error;
        }
      }),
    hasFailed: () => sourceFailure !== undefined,
    failed: new Map(),
  };

  const done = work(run);
  // Once the deadline has passed, what the queries still do no longer matters.
  done.catch(() => undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const error = new PrometheusQueryError(
        `Prometheus source ${name} did not answer all the ${
          options.queriesName
        } within its deadline of ${deadlineMs / 1000}s`,
      );
      sourceFailure ??= error;
      aborter.abort(error);
      reject(error);
    }, deadlineMs);
  });
  let outcome: SourceRunOutcome<T>;
  try {
    const value = await Promise.race([done, deadline]);
    outcome = { ok: true, value, queries, failed: run.failed };
  } catch (error) {
    if (!(error instanceof PrometheusQueryError)) {
      // The backend's logger masks configured secrets (the headers).
      options.logger?.warn(
        `Prometheus source ${name} failed unexpectedly`,
        error as Error,
      );
    }
    outcome = {
      ok: false,
      sourceError: sourceErrorMessage(name, error),
      queries,
      failed: run.failed,
    };
  } finally {
    clearTimeout(timer);
    // The queries of a failed source that are still running are not waited for.
    aborter.abort();
  }
  options.logger?.debug(
    `Prometheus source ${name}: ${options.subject}, ${
      outcome.queries
    } queries in ${Date.now() - started} ms${
      outcome.ok ? '' : `; failed: ${outcome.sourceError}`
    }`,
  );
  return outcome;
}
