import { Config } from '@backstage/config';
import {
  BURN_RATE_WINDOWS,
  BURN_RATE_WINDOW_MS,
  SloDefinition,
  WindowCounts,
  currentPeriod,
} from '@sre-catalog/backstage-plugin-sre-common';
import { SideValues, attributeSamples } from './attributeSamples';
import {
  buildWindowQuery,
  sidesOf,
  windowQuerySloOf,
} from './buildWindowQuery';
import { countsFromSides } from './countsFromSides';
import { fetchSlothWindows } from './fetchSlothWindows';
import { PrometheusWindowSliData } from './PrometheusWindowSliData';
import {
  PrometheusSloFailed,
  PrometheusSourceResult,
} from './PrometheusSloResult';
import {
  PrometheusSourceSet,
  PrometheusSourceSetOptions,
} from './PrometheusSourceSet';
import { queryEachSource } from './queryEachSource';
import { queryIsolatingFaults } from './queryIsolatingFaults';
import { SourceRun } from './runSourceQueries';

/** The outcome for one SLO. */
export type PrometheusSloResult =
  | { ok: true; sourceName: string; data: PrometheusWindowSliData }
  | PrometheusSloFailed;

/** Result of {@link PrometheusSliSource.fetchWindows}. */
export type FetchWindowsResult = {
  /** One entry per SLO asked about, by SLO ref. */
  slos: Map<string, PrometheusSloResult>;
  /** One entry per source that was queried, by source name. */
  sources: Map<string, PrometheusSourceResult>;
};

/** Options of {@link PrometheusSliSource.create}. */
export type PrometheusSliSourceOptions = PrometheusSourceSetOptions;

const BURN_WINDOW_SECONDS = BURN_RATE_WINDOWS.map(
  w => BURN_RATE_WINDOW_MS[w] / 1000,
);

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}

/**
 * Which windows each SLO needs, and which SLOs each window serves (lengths in
 * seconds, all ending at `nowMs`): the burn-rate windows and its current period.
 */
function planWindows(slos: SloDefinition[], nowMs: number) {
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
  return { windowsOf, plan };
}

/**
 * Reads SLIs from the Prometheus servers configured under `sre.sources`. For each
 * source it asks ONE instant query per window for all the SLOs of that source (the
 * seven burn-rate windows and each distinct period length; per batch of
 * `maxSlosPerQuery` SLOs when there are more), never one per SLO.
 * The window sums then feed the same `evaluateSlo` as the built-in source. SLOs
 * that declare Sloth recording rules read their windows from those first (one
 * query per series name for all of them, see `fetchSlothWindows`), and from their
 * own queries only the windows that have no rule series.
 */
export class PrometheusSliSource {
  private constructor(private readonly sources: PrometheusSourceSet) {}

  static fromConfig(
    config: Config,
    options: Omit<PrometheusSliSourceOptions, 'sources'> = {},
  ): PrometheusSliSource {
    return new PrometheusSliSource(
      PrometheusSourceSet.fromConfig(config, options),
    );
  }

  static create(options: PrometheusSliSourceOptions): PrometheusSliSource {
    return new PrometheusSliSource(PrometheusSourceSet.create(options));
  }

  /** Names of the configured sources. */
  sourceNames(): string[] {
    return this.sources.names();
  }

  /** The source an SLO reads: its own source name, or the default one. */
  sourceNameOf(slo: SloDefinition): string | undefined {
    return this.sources.nameOf(slo);
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
    const result = await queryEachSource(this.sources, slos, {
      definitionOf: slo => slo,
      unknownSource: name => this.sources.unknownSourceMessage(name),
      queriesName: 'queries of this evaluation',
      subject: group => `${group.length} SLOs`,
      query: (run, group) => this.fetchSource(run, group, nowMs),
      success: (sourceName, ref, data) => ({
        ok: true as const,
        sourceName,
        data: data.get(ref)!,
      }),
    });
    return { slos: result.slos, sources: result.sources };
  }

  /**
   * All windows of all SLOs of one source: one query per window and batch, the
   * windows of Sloth's recording rules first.
   */
  private async fetchSource(
    run: SourceRun,
    slos: SloDefinition[],
    nowMs: number,
  ): Promise<Map<string, PrometheusWindowSliData>> {
    const { failed, source } = run;
    const { windowsOf, plan } = planWindows(slos, nowMs);
    const values = new Map<number, Map<string, SideValues>>();

    // Sloth's recording rules first: one query per series name for all SLOs
    // that declare them; the raw queries then ask only for what they lack.
    const fromRules = await fetchSlothWindows(slos, {
      query: query =>
        run.send(limits => source.client.instantQuery(query, nowMs, limits)),
      onQueryError: (seriesName, error) =>
        this.sources.logger?.warn(
          `Prometheus source ${source.name} rejected the query of ${seriesName}; its windows are read from the SLIs' own queries: ${error.message}`,
        ),
    });

    /**
     * Queries one window for a batch; every series of an answer must be one that
     * the wrapper of its SLO and side in this very query wrote: each part's nonce
     * is new, random and written nowhere else.
     */
    const queryWindow = (seconds: number, batch: SloDefinition[]) => {
      const windowValues = values.get(seconds) ?? new Map<string, SideValues>();
      values.set(seconds, windowValues);
      return queryIsolatingFaults(run, batch.map(windowQuerySloOf), {
        queryName: 'query',
        ask: async (querySlos, nonces, limits) => {
          const query = buildWindowQuery(querySlos, seconds, nonces);
          const samples = await source.client.instantQuery(
            query,
            nowMs,
            limits,
          );
          return attributeSamples(samples, nonces);
        },
        onValues: (ref, sides) => windowValues.set(ref, sides),
      });
    };
    const queryWindows = (seconds: number[]) =>
      Promise.all(
        seconds.flatMap(s =>
          chunks(
            plan
              .get(s)!
              .filter(
                slo => !failed.has(slo.ref) && !fromRules.get(slo.ref)?.has(s),
              ),
            this.sources.maxSlosPerQuery,
          ).map(batch => queryWindow(s, batch)),
        ),
      );
    // The shortest window first: it finds the SLOs with bad queries cheaply, and
    // the other windows are then asked without them.
    const windows = [...plan.keys()].sort((a, b) => a - b);
    await queryWindows(windows.slice(0, 1));
    await queryWindows(windows.slice(1));

    const data = new Map<string, PrometheusWindowSliData>();
    for (const slo of slos) {
      if (failed.has(slo.ref)) continue;
      const sides = sidesOf(windowQuerySloOf(slo).source);
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
    return data;
  }
}
