import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  SloDefinition,
  TieredSliData,
  budgetConsumedIn,
  currentPeriod,
  sliceSpecOf,
} from '@sre-catalog/backstage-plugin-sre-common';
import { SliStore } from '../store/SliStore';
import { tierCut } from '../sliTiers';
import { loadSloDefinitions } from '../loadSloDefinitions';
import { PrometheusRangeSliSource } from '../prometheus/PrometheusRangeSliSource';
import { PrometheusRangeSliData } from '../prometheus/PrometheusRangeSliData';

const DAY = 86_400_000;

/** Computes what an incident window cost the error budgets of SLOs. */
/** Why an SLO's budget could not be computed now although it may have data. */
export type BudgetUnavailable = { unavailable: string };

export interface IncidentBudgets {
  /**
   * The fraction of each SLO's budget that `[fromMs, toMs)` consumed, for the SLOs
   * whose data (in the built-in store, or in Prometheus) covers the window; an SLO
   * whose Prometheus source cannot be read now maps to why; others are absent.
   */
  budgetConsumed(
    sloRefs: string[],
    window: { fromMs: number; toMs: number },
  ): Promise<Map<string, number | BudgetUnavailable>>;
}

/**
 * The start of the period whose budget an incident window spends, as
 * budgetConsumedIn chooses it: the current period when the window ends in it,
 * else the period of the window's end.
 */
function budgetPeriodStart(
  slo: SloDefinition,
  window: { toMs: number },
  nowMs: number,
): number {
  const current = currentPeriod(slo.timeWindow, nowMs);
  const toMs = Math.min(window.toMs, nowMs);
  return toMs > current.startMs
    ? current.startMs
    : currentPeriod(slo.timeWindow, toMs).startMs;
}

/**
 * {@link IncidentBudgets} from the catalog's SLO definitions, the SLI store for
 * built-in SLOs and range queries for Prometheus ones.
 */
export class SloBudgetCalculator implements IncidentBudgets {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      sliStore: SliStore;
      /** Reads Prometheus SLOs; without it they have no computed budget. */
      prometheus?: PrometheusRangeSliSource;
      now?: () => number;
    },
  ) {}

  async budgetConsumed(
    sloRefs: string[],
    window: { fromMs: number; toMs: number },
  ): Promise<Map<string, number | BudgetUnavailable>> {
    const { catalog, auth } = this.deps;
    const nowMs = this.deps.now?.() ?? Date.now();
    const definitions = [
      ...(
        await loadSloDefinitions(
          catalog,
          sloRefs,
          await auth.getOwnServiceCredentials(),
        )
      ).values(),
    ].filter((d): d is SloDefinition => !!d && !(d instanceof Error));
    const ofSource = (type: string) =>
      definitions.filter(d => d.indicator.source.type === type);
    const [builtin, prometheus] = await Promise.all([
      this.builtinBudgets(ofSource('builtin'), window, nowMs),
      this.prometheusBudgets(ofSource('prometheus'), window, nowMs),
    ]);
    return new Map([...builtin, ...prometheus]);
  }

  private async builtinBudgets(
    builtin: SloDefinition[],
    window: { fromMs: number; toMs: number },
    nowMs: number,
  ): Promise<Map<string, number>> {
    const result = new Map<string, number>();
    if (!builtin.length) return result;
    const cutMs = tierCut(nowMs);
    // The budget's period may reach back one period length before the window.
    const longest = Math.max(
      ...builtin.map(d => currentPeriod(d.timeWindow, nowMs).lengthMs + DAY),
    );
    const series = await this.deps.sliStore.readSeries(
      builtin.map(d => d.ref),
      {
        minutesFromMs: cutMs,
        hoursFromMs: Math.min(window.fromMs, nowMs) - longest,
      },
    );
    for (const definition of builtin) {
      const stored = series.get(definition.ref);
      if (!stored) continue;
      const data = TieredSliData.ofSeries(
        stored,
        cutMs,
        sliceSpecOf(definition),
      );
      const consumed = budgetConsumedIn(definition, data, window, nowMs);
      if (consumed !== undefined) result.set(definition.ref, consumed);
    }
    return result;
  }

  /**
   * From the same buckets as the built-in store's (hourly before the tier cut,
   * 5-minute after), read with range queries over the window and its period. An
   * SLO whose source fails, or whose query is refused, has no computed budget.
   */
  private async prometheusBudgets(
    slos: SloDefinition[],
    window: { fromMs: number; toMs: number },
    nowMs: number,
  ): Promise<Map<string, number | BudgetUnavailable>> {
    const result = new Map<string, number | BudgetUnavailable>();
    if (!slos.length || !this.deps.prometheus) return result;
    const data = new Map<string, PrometheusRangeSliData>();
    const fetched = await this.deps.prometheus.fetchRanges(
      slos.map(definition => ({
        definition,
        fromMs: Math.min(
          window.fromMs,
          budgetPeriodStart(definition, window, nowMs),
        ),
      })),
      { cutMs: tierCut(nowMs), nowMs },
      (definition, sliData) => data.set(definition.ref, sliData),
    );
    for (const definition of slos) {
      const sliData = data.get(definition.ref);
      const outcome = fetched.slos.get(definition.ref);
      if (outcome && !outcome.ok && outcome.reason === 'source-unavailable') {
        result.set(definition.ref, {
          unavailable: `Prometheus source ${outcome.sourceName} is unavailable (${outcome.error})`,
        });
        continue;
      }
      if (!sliData || !outcome?.ok) continue;
      const consumed = budgetConsumedIn(definition, sliData, window, nowMs);
      if (consumed !== undefined) result.set(definition.ref, consumed);
    }
    return result;
  }
}
