import { Config } from '@backstage/config';
import { SloDefinition } from '@sre-catalog/backstage-plugin-sre-common';
import { SidePoints, attributeRangeSeries } from './attributeRangeSeries';
import { RangeStep, buildRangeQuery, rangeStepsOf } from './buildRangeQuery';
import { sidesOf, windowQuerySloOf } from './buildWindowQuery';
import { PrometheusRangeSliData } from './PrometheusRangeSliData';
import { PrometheusSliSourceOptions } from './PrometheusSliSource';
import { PrometheusSloFailed } from './PrometheusSloResult';
import { PrometheusSourceSet } from './PrometheusSourceSet';
import { QueryEachSourceResult, queryEachSource } from './queryEachSource';
import { queryIsolatingFaults } from './queryIsolatingFaults';
import { SourceRun } from './runSourceQueries';

/** The outcome for one SLO of {@link PrometheusRangeSliSource.fetchRanges}. */
export type PrometheusRangeSloResult =
  | { ok: true; sourceName: string }
  | PrometheusSloFailed;

/**
 * Result of {@link PrometheusRangeSliSource.fetchRanges}: an entry per SLO asked
 * about and per source queried, and the range queries sent.
 */
export type FetchRangesResult = QueryEachSourceResult<{
  ok: true;
  sourceName: string;
}>;

/** What one SLO needs: its data from `fromMs` (to now). */
export type RangeRequest = { definition: SloDefinition; fromMs: number };

/** The span of a run: hourly buckets before `cutMs` (an hour), 5-minute ones from it. */
type RangeSpan = { cutMs: number; nowMs: number };

type OnRangeData = (slo: SloDefinition, data: PrometheusRangeSliData) => void;

/**
 * Reads Prometheus SLOs as per-step buckets (see PrometheusRangeSliData) for
 * incident detection and postmortem budgets, from the sources of `sre.sources`.
 * Per source it asks one range query per step (hourly, 5-minute) for all its SLOs
 * (per batch of `maxSlosPerQuery`), with the isolation of the window queries
 * (see `queryIsolatingFaults`): only self-contained queries are sent, every series
 * of an answer must carry its part's random nonce, and a query Prometheus rejects
 * or whose answer cannot be trusted is split until the SLOs at fault are alone.
 * All the queries of a source share its deadline; a source that fails fails all
 * its SLOs.
 */
export class PrometheusRangeSliSource {
  private constructor(private readonly sources: PrometheusSourceSet) {}

  static fromConfig(
    config: Config,
    options: Omit<PrometheusSliSourceOptions, 'sources'> = {},
  ): PrometheusRangeSliSource {
    return new PrometheusRangeSliSource(
      PrometheusSourceSet.fromConfig(config, options),
    );
  }

  static create(options: PrometheusSliSourceOptions): PrometheusRangeSliSource {
    return new PrometheusRangeSliSource(PrometheusSourceSet.create(options));
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
    range: RangeSpan,
    onData: OnRangeData,
  ): Promise<FetchRangesResult> {
    return queryEachSource(this.sources, requests, {
      definitionOf: request => request.definition,
      unknownSource: name =>
        name
          ? `sre.sources has no source named ${name}`
          : 'No Prometheus source is configured',
      queriesName: 'range queries of this run',
      subject: group => `ranges of ${group.length} SLOs`,
      query: (run, group) => this.fetchSource(run, group, range, onData),
      success: sourceName => ({ ok: true as const, sourceName }),
    });
  }

  /**
   * All steps of all SLOs of one source: per batch of SLOs with similar start
   * times, one range query per step.
   */
  private async fetchSource(
    run: SourceRun,
    requests: RangeRequest[],
    range: RangeSpan,
    onData: OnRangeData,
  ): Promise<void> {
    const { failed } = run;
    const { client } = run.source;

    /** The points of one step for a batch, its answer attributed by nonce. */
    const queryStep = (
      step: RangeStep,
      batch: RangeRequest[],
      values: Map<string, SidePoints>,
    ) =>
      queryIsolatingFaults(
        run,
        batch.map(({ definition }) => windowQuerySloOf(definition)),
        {
          queryName: 'range query',
          ask: async (slos, nonces, limits) => {
            const { query, ...times } = buildRangeQuery(slos, step, nonces);
            const series = await client.rangeQuery(query, times, limits);
            return attributeRangeSeries(series, nonces);
          },
          onValues: (ref, points) => values.set(ref, points),
        },
      );

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
      if (run.hasFailed()) return;
      for (const { definition } of batch) {
        if (failed.has(definition.ref)) continue;
        onData(
          definition,
          PrometheusRangeSliData.fromSides(
            sidesOf(windowQuerySloOf(definition).source),
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
    for (let i = 0; i < sorted.length; i += this.sources.maxSlosPerQuery) {
      batches.push(sorted.slice(i, i + this.sources.maxSlosPerQuery));
    }
    await Promise.all(batches.map(queryBatch));
  }
}
