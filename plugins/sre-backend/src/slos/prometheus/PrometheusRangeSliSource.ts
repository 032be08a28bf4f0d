import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { SloDefinition } from '@sre-catalog/backstage-plugin-sre-common';
import { newPartNonces } from './attributeSamples';
import { SidePoints, attributeRangeSeries } from './attributeRangeSeries';
import { RangeStep, buildRangeQuery, rangeStepsOf } from './buildRangeQuery';
import {
  WindowQuerySlo,
  checkPrometheusSlo,
  checkSideQueries,
  sidesOf,
} from './buildWindowQuery';
import { PrometheusClient, PrometheusQueryError } from './PrometheusClient';
import { PrometheusRangeSliData } from './PrometheusRangeSliData';
import {
  DEFAULT_MAX_CONCURRENT_QUERIES,
  DEFAULT_MAX_SLOS_PER_QUERY,
  PrometheusSliSourceOptions,
  PrometheusSloFailure,
  PrometheusSourceResult,
} from './PrometheusSliSource';
import {
  DEFAULT_PROMETHEUS_DEADLINE_MS,
  readPrometheusSources,
} from './readPrometheusSources';

/** The outcome for one SLO of {@link PrometheusRangeSliSource.fetchRanges}. */
export type PrometheusRangeSloResult =
  | { ok: true; sourceName: string }
  | {
      ok: false;
      sourceName?: string;
      reason: PrometheusSloFailure;
      error: string;
    };

/** Result of {@link PrometheusRangeSliSource.fetchRanges}. */
export type FetchRangesResult = {
  /** One entry per SLO asked about, by SLO ref. */
  slos: Map<string, PrometheusRangeSloResult>;
  /** One entry per source that was queried, by source name. */
  sources: Map<string, PrometheusSourceResult>;
  /** Range queries sent, all sources together. */
  queries: number;
};

/** What one SLO needs: its data from `fromMs` (to now). */
export type RangeRequest = { definition: SloDefinition; fromMs: number };

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
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

function isQueryError(error: unknown): error is PrometheusQueryError {
  return error instanceof PrometheusQueryError && error.isQueryError;
}

type SloFailure = {
  reason: Exclude<PrometheusSloFailure, 'source-unavailable'>;
  error: string;
};

/**
 * Reads Prometheus SLOs as per-step buckets (see PrometheusRangeSliData) for
 * incident detection and postmortem budgets, from the sources of `sre.sources`.
 * Per source it asks one range query per step (hourly, 5-minute) for all its SLOs
 * (per batch of {@link DEFAULT_MAX_SLOS_PER_QUERY}), with the isolation of the
 * window queries: only self-contained queries are sent, every series of an answer
 * must carry its part's random nonce, and a query Prometheus rejects or whose
 * answer cannot be trusted is split until the SLOs at fault are alone. All the
 * queries of a source share its deadline; a source that fails fails all its SLOs.
 */
export class PrometheusRangeSliSource {
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
  ): PrometheusRangeSliSource {
    return PrometheusRangeSliSource.create({
      ...options,
      sources: readPrometheusSources(config),
    });
  }

  static create(options: PrometheusSliSourceOptions): PrometheusRangeSliSource {
    return new PrometheusRangeSliSource(
      new Map(
        options.sources.sources.map(source => [
          source.name,
          {
            client: PrometheusClient.create({
              ...source,
              fetch: options.fetch,
            }),
            deadlineMs: source.deadlineMs ?? DEFAULT_PROMETHEUS_DEADLINE_MS,
          },
        ]),
      ),
      options.sources.defaultName,
      Math.max(1, options.maxSlosPerQuery ?? DEFAULT_MAX_SLOS_PER_QUERY),
      Math.max(
        1,
        options.maxConcurrentQueries ?? DEFAULT_MAX_CONCURRENT_QUERIES,
      ),
      options.logger,
    );
  }

  /**
   * Reads each SLO's buckets from its `fromMs` to `nowMs` (hourly before `cutMs`,
   * an hour boundary; 5-minute from it) and hands them to `onData` as each batch
   * comes in, so that only a few batches are held at a time. An SLO is `ok` in the
   * result only when its data was handed over and its source did not fail; the
   * data of an SLO that is not `ok` in the result must not be used (its source may
   * have failed after handing it over).
   */
  async fetchRanges(
    requests: RangeRequest[],
    range: { cutMs: number; nowMs: number },
    onData: (slo: SloDefinition, data: PrometheusRangeSliData) => void,
  ): Promise<FetchRangesResult> {
    const result: FetchRangesResult = {
      slos: new Map(),
      sources: new Map(),
      queries: 0,
    };
    const bySource = new Map<string, RangeRequest[]>();
    for (const request of requests) {
      const slo = request.definition;
      const source = slo.indicator.source;
      const sourceName =
        source.type === 'prometheus'
          ? source.sourceName ?? this.defaultName
          : undefined;
      const unsupported = checkPrometheusSlo(slo);
      const problem =
        unsupported ??
        checkSideQueries(slo.ref, source as WindowQuerySlo['source']);
      if (problem) {
        result.slos.set(slo.ref, {
          ok: false,
          sourceName,
          reason: unsupported ? 'not-supported' : 'query-refused',
          error: problem,
        });
      } else if (!sourceName || !this.clients.has(sourceName)) {
        result.slos.set(slo.ref, {
          ok: false,
          sourceName,
          reason: 'unknown-source',
          error: sourceName
            ? `sre.sources has no source named ${sourceName}`
            : 'No Prometheus source is configured',
        });
      } else {
        const group = bySource.get(sourceName);
        if (group) group.push(request);
        else bySource.set(sourceName, [request]);
      }
    }

    await Promise.all(
      [...bySource].map(async ([sourceName, sourceRequests]) => {
        const started = Date.now();
        const fetched = await this.fetchSource(
          sourceName,
          sourceRequests,
          range,
          onData,
        );
        result.queries += fetched.queries;
        this.logger?.debug(
          `Prometheus source ${sourceName}: ranges of ${
            sourceRequests.length
          } SLOs, ${fetched.queries} queries in ${Date.now() - started} ms${
            fetched.sourceError ? `; failed: ${fetched.sourceError}` : ''
          }`,
        );
        result.sources.set(
          sourceName,
          fetched.sourceError
            ? { ok: false, error: fetched.sourceError }
            : { ok: true },
        );
        for (const { definition } of sourceRequests) {
          const failure = fetched.failed.get(definition.ref);
          if (fetched.sourceError) {
            result.slos.set(definition.ref, {
              ok: false,
              sourceName,
              reason: 'source-unavailable',
              error: fetched.sourceError,
            });
          } else if (failure) {
            result.slos.set(definition.ref, {
              ok: false,
              sourceName,
              ...failure,
            });
          } else {
            result.slos.set(definition.ref, { ok: true, sourceName });
          }
        }
      }),
    );
    return result;
  }

  /**
   * All steps of all SLOs of one source: per batch of SLOs with similar start
   * times, one range query per step, all within the source's deadline.
   */
  private async fetchSource(
    sourceName: string,
    requests: RangeRequest[],
    range: { cutMs: number; nowMs: number },
    onData: (slo: SloDefinition, data: PrometheusRangeSliData) => void,
  ): Promise<{
    failed: Map<string, SloFailure>;
    sourceError?: string;
    queries: number;
  }> {
    const { client, deadlineMs } = this.clients.get(sourceName)!;
    const failed = new Map<string, SloFailure>();
    const limit = concurrencyLimit(this.maxConcurrentQueries);
    const aborter = new AbortController();
    const deadlineAt = Date.now() + deadlineMs;
    let sourceFailure: unknown;
    let queries = 0;

    /** One range query of a step for some SLOs, its answer attributed by nonce. */
    const ask = (step: RangeStep, slos: WindowQuerySlo[]) =>
      limit(async () => {
        if (sourceFailure) throw sourceFailure;
        queries++;
        const nonces = newPartNonces(slos);
        const { query, ...times } = buildRangeQuery(slos, step, nonces);
        try {
          const series = await client.rangeQuery(query, times, {
            signal: aborter.signal,
            remainingMs: deadlineAt - Date.now(),
          });
          return attributeRangeSeries(series, nonces);
        } catch (error) {
          if (!isQueryError(error)) sourceFailure ??= error;
          throw error;
        }
      });

    /**
     * The points of one step for a group of SLOs; when Prometheus rejects the
     * query or its answer cannot be trusted, the group is split in halves until
     * the SLOs at fault are alone (and failed).
     */
    const queryStep = async (
      step: RangeStep,
      group: RangeRequest[],
      into: Map<string, SidePoints>,
    ): Promise<void> => {
      const slos = group.map(({ definition }) => ({
        ref: definition.ref,
        source: definition.indicator.source as WindowQuerySlo['source'],
      }));
      let failure: (ref: string) => SloFailure;
      try {
        const answer = await ask(step, slos);
        if ('values' in answer) {
          for (const [ref, points] of answer.values) into.set(ref, points);
          return;
        }
        failure = ref => ({
          reason: 'query-refused',
          error: `The answer to the range query of ${ref} held series that its own query cannot produce (${answer.problem}); none of it is used`,
        });
      } catch (error) {
        if (!isQueryError(error)) throw error;
        failure = ref => ({
          reason: 'query-failed',
          error: `Prometheus rejected the range query of ${ref}: ${error.message}`,
        });
      }
      if (group.length === 1) {
        const ref = group[0].definition.ref;
        failed.set(ref, failure(ref));
        return;
      }
      const half = Math.ceil(group.length / 2);
      await Promise.all([
        queryStep(step, group.slice(0, half), into),
        queryStep(step, group.slice(half), into),
      ]);
    };

    /** All steps of one batch, then its data handed over and dropped. */
    const queryBatch = async (batch: RangeRequest[]) => {
      const steps = rangeStepsOf({
        fromMs: Math.min(...batch.map(r => r.fromMs)),
        ...range,
      });
      const answers = steps.map(step => ({
        step,
        values: new Map<string, SidePoints>(),
      }));
      await Promise.all(
        answers.map(({ step, values }) => queryStep(step, batch, values)),
      );
      if (sourceFailure) return;
      for (const { definition } of batch) {
        if (failed.has(definition.ref)) continue;
        const sides = sidesOf(
          definition.indicator.source as WindowQuerySlo['source'],
        );
        onData(
          definition,
          PrometheusRangeSliData.fromSides(
            sides,
            answers.map(({ step, values }) => ({
              step,
              points: values.get(definition.ref) ?? {},
            })),
          ),
        );
      }
    };

    // SLOs with similar start times share a batch, so that a batch of 7-day SLOs
    // does not ask for 30 days because one 30-day SLO is in it.
    const sorted = [...requests].sort((a, b) => a.fromMs - b.fromMs);
    const batches: RangeRequest[][] = [];
    for (let i = 0; i < sorted.length; i += this.maxSlosPerQuery) {
      batches.push(sorted.slice(i, i + this.maxSlosPerQuery));
    }
    const work = Promise.all(batches.map(queryBatch));
    work.catch(() => undefined);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        const error = new PrometheusQueryError(
          `Prometheus source ${sourceName} did not answer all the range queries of this run within its deadline of ${
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
        this.logger?.warn(
          `Prometheus source ${sourceName} failed unexpectedly`,
          error as Error,
        );
      }
      return {
        failed,
        sourceError:
          error instanceof PrometheusQueryError
            ? error.message
            : `Prometheus source ${sourceName} failed unexpectedly; see the backend logs`,
        queries,
      };
    } finally {
      clearTimeout(timer);
      aborter.abort();
    }
    return { failed, queries };
  }
}
