import { SloDefinition } from '@sre-catalog/backstage-plugin-sre-common';
import {
  PrometheusSloFailed,
  PrometheusSourceResult,
} from './PrometheusSloResult';
import { PrometheusSourceSet } from './PrometheusSourceSet';
import { SourceRun, SourceRunOutcome } from './runSourceQueries';

/** Options of {@link queryEachSource}: how one kind of SLI source asks. */
export type QueryEachSourceOptions<T, V, R> = {
  /** The SLO of an item. */
  definitionOf(item: T): SloDefinition;
  /** The error of an SLO whose source name is not configured (or missing). */
  unknownSource(name: string | undefined): string;
  /** The run's queries in the deadline's message, e.g. `queries of this evaluation`. */
  queriesName: string;
  /** What is asked of one source, for the debug log, e.g. `12 SLOs`. */
  subject(items: T[]): string;
  /** Sends the queries of one source's items through `run`. */
  query(run: SourceRun, items: T[]): Promise<V>;
  /** The outcome of an SLO of a source that answered, and that is not at fault. */
  success(sourceName: string, ref: string, value: V): R;
};

/** What {@link queryEachSource} gives. */
export type QueryEachSourceResult<R> = {
  /** One entry per SLO asked about, by SLO ref. */
  slos: Map<string, R | PrometheusSloFailed>;
  /** One entry per source that was queried, by source name. */
  sources: Map<string, PrometheusSourceResult>;
  /** Queries sent, all sources together. */
  queries: number;
};

/** The outcome for one SLO of a source that was queried. */
function resultOf<V, R>(
  sourceName: string,
  ref: string,
  outcome: SourceRunOutcome<V>,
  success: (sourceName: string, ref: string, value: V) => R,
): R | PrometheusSloFailed {
  // A source that failed fails all its SLOs with its error.
  if (!outcome.ok) {
    return {
      ok: false,
      sourceName,
      reason: 'source-unavailable',
      error: outcome.sourceError,
    };
  }
  const failure = outcome.failed.get(ref);
  if (failure) return { ok: false, sourceName, ...failure };
  return success(sourceName, ref, outcome.value);
}

/**
 * Asks every source for its SLOs of `items`, in parallel and each in its own run
 * (see `PrometheusSourceSet.runQueries`): a source that fails leaves the others
 * unaffected. SLOs that cannot be asked of any source fail first (see
 * `PrometheusSourceSet.groupBySource`).
 */
export async function queryEachSource<T, V, R>(
  sources: PrometheusSourceSet,
  items: readonly T[],
  options: QueryEachSourceOptions<T, V, R>,
): Promise<QueryEachSourceResult<R>> {
  const { groups, failures } = sources.groupBySource(
    items,
    options.definitionOf,
    options.unknownSource,
  );
  const result: QueryEachSourceResult<R> = {
    slos: new Map(failures),
    sources: new Map(),
    queries: 0,
  };
  await Promise.all(
    [...groups].map(async ([sourceName, group]) => {
      const outcome = await sources.runQueries(
        sourceName,
        { queriesName: options.queriesName, subject: options.subject(group) },
        run => options.query(run, group),
      );
      result.queries += outcome.queries;
      result.sources.set(
        sourceName,
        outcome.ok ? { ok: true } : { ok: false, error: outcome.sourceError },
      );
      for (const item of group) {
        const { ref } = options.definitionOf(item);
        result.slos.set(
          ref,
          resultOf(sourceName, ref, outcome, options.success),
        );
      }
    }),
  );
  return result;
}
