import {
  BURN_RATE_WINDOWS,
  BURN_RATE_WINDOW_MS,
  SloDefinition,
  SlothRecordingRules,
  WindowCounts,
} from '@sre-catalog/backstage-plugin-sre-common';
import {
  attributeSlothSamples,
  buildSlothQuery,
  countsFromErrorRatio,
  slothDuration,
  slothKey,
  slothSeriesName,
} from './slothRecordingRules';
import { PrometheusQueryError, PrometheusSample } from './PrometheusClient';

/**
 * Measured on Prometheus 2.42 (2 cores, loaded): one selector of 10,000 IDs takes
 * about 0.45 s against 0.25 s for the bare series name (most of it is the answer
 * itself), so a whole fleet fits in one query per series name.
 */
export const DEFAULT_MAX_SLOTH_IDS_PER_QUERY = 10_000;

/** The Sloth declaration of an SLO, if it has one. */
export function slothRulesOf(
  slo: SloDefinition,
): SlothRecordingRules | undefined {
  const source = slo.indicator.source;
  return source.type === 'prometheus' ? source.sloth : undefined;
}

/**
 * The windows (in seconds) an SLO can read from Sloth's rules: the burn-rate
 * windows and a rolling period, the windows Sloth records. A calendar period
 * (from the start of the month to now) has no rule.
 */
export function slothWindowsOf(slo: SloDefinition): number[] {
  const windows = BURN_RATE_WINDOWS.map(w => BURN_RATE_WINDOW_MS[w] / 1000);
  if (slo.timeWindow.kind === 'rolling') {
    windows.push(Math.round(slo.timeWindow.durationMs / 1000));
  }
  return [...new Set(windows)];
}

/** Options of {@link fetchSlothWindows}. */
export type FetchSlothWindowsOptions = {
  /** Sends one instant query (within the source's limits and deadline). */
  query(promql: string): Promise<PrometheusSample[]>;
  maxIdsPerQuery?: number;
  /** Called when Prometheus rejects a query; its windows then come from raw. */
  onQueryError?(seriesName: string, error: PrometheusQueryError): void;
};

/**
 * Reads the windows of SLOs that declare Sloth recording rules from those rules:
 * ONE instant query per series name (`slo:sli_error:ratio_rate5m` … the period's)
 * for all of the SLOs, each answer attributed by the SLOs' own labels (see
 * `attributeSlothSamples`). Returns, by SLO ref, the counts of each window a rule
 * answered (see `countsFromErrorRatio`); a window without its series (no rule, a
 * rule Prometheus rejected, two disagreeing series) is left out, for the raw
 * queries to answer. Any other failure of a query (the source is down, slow,
 * cut short) is thrown: the source has failed.
 */
export async function fetchSlothWindows(
  slos: readonly SloDefinition[],
  options: FetchSlothWindowsOptions,
): Promise<Map<string, Map<number, WindowCounts>>> {
  const maxIds = Math.max(
    1,
    options.maxIdsPerQuery ?? DEFAULT_MAX_SLOTH_IDS_PER_QUERY,
  );
  const plan = new Map<number, SloDefinition[]>();
  for (const slo of slos) {
    if (!slothRulesOf(slo)) continue;
    for (const seconds of slothWindowsOf(slo)) {
      const group = plan.get(seconds);
      if (group) group.push(slo);
      else plan.set(seconds, [slo]);
    }
  }

  const result = new Map<string, Map<number, WindowCounts>>();
  await Promise.all(
    [...plan].map(async ([seconds, group]) => {
      const seriesName = slothSeriesName(seconds);
      const ids = [...new Set(group.map(slo => slothRulesOf(slo)!.id))].sort();
      const ratios = new Map<string, number>();
      await Promise.all(
        Array.from({ length: Math.ceil(ids.length / maxIds) }, (_, i) =>
          ids.slice(i * maxIds, (i + 1) * maxIds),
        ).map(async batch => {
          let samples: PrometheusSample[];
          try {
            samples = await options.query(buildSlothQuery(seriesName, batch));
          } catch (error) {
            if (error instanceof PrometheusQueryError && error.isQueryError) {
              options.onQueryError?.(seriesName, error);
              return;
            }
            throw error;
          }
          // Batches hold distinct IDs, so no SLO gets series from two of them.
          const answered = attributeSlothSamples(
            samples,
            seriesName,
            slothDuration(seconds),
          );
          for (const [key, ratio] of answered) ratios.set(key, ratio);
        }),
      );
      for (const slo of group) {
        const ratio = ratios.get(slothKey(slothRulesOf(slo)!));
        if (ratio === undefined) continue;
        const windows = result.get(slo.ref) ?? new Map<number, WindowCounts>();
        windows.set(seconds, countsFromErrorRatio(ratio));
        result.set(slo.ref, windows);
      }
    }),
  );
  return result;
}
