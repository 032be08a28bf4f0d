import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  SloDefinition,
  budgetConsumedIn,
  currentPeriod,
} from '@sre-catalog/backstage-plugin-sre-common';
import { SliStore } from './SliStore';
import { sliceSpecOf, tierCut } from './SloEvaluator';
import { TieredSliData } from './TieredSliData';
import { loadSloDefinitions } from './loadSloDefinitions';

const DAY = 86_400_000;

/** Computes what an incident window cost the error budgets of SLOs. */
export interface IncidentBudgets {
  /**
   * The fraction of each SLO's budget that `[fromMs, toMs)` consumed, for the SLOs
   * whose data is in the built-in store and covers the window; others are absent.
   */
  budgetConsumed(
    sloRefs: string[],
    window: { fromMs: number; toMs: number },
  ): Promise<Map<string, number>>;
}

/** {@link IncidentBudgets} from the catalog's SLO definitions and the SLI store. */
export class SloBudgetCalculator implements IncidentBudgets {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      sliStore: SliStore;
      now?: () => number;
    },
  ) {}

  async budgetConsumed(
    sloRefs: string[],
    window: { fromMs: number; toMs: number },
  ): Promise<Map<string, number>> {
    const { catalog, auth, sliStore } = this.deps;
    const nowMs = this.deps.now?.() ?? Date.now();
    const definitions = await loadSloDefinitions(
      catalog,
      sloRefs,
      await auth.getOwnServiceCredentials(),
    );
    const builtin = [...definitions.values()].filter(
      (d): d is SloDefinition =>
        !!d && !(d instanceof Error) && d.indicator.source.type === 'builtin',
    );
    const result = new Map<string, number>();
    if (!builtin.length) return result;
    const cutMs = tierCut(nowMs);
    // The budget's period may reach back one period length before the window.
    const longest = Math.max(
      ...builtin.map(d => currentPeriod(d.timeWindow, nowMs).lengthMs + DAY),
    );
    const series = await sliStore.readSeries(
      builtin.map(d => d.ref),
      {
        minutesFromMs: cutMs,
        hoursFromMs: Math.min(window.fromMs, nowMs) - longest,
      },
    );
    for (const definition of builtin) {
      const stored = series.get(definition.ref);
      if (!stored) continue;
      const data = new TieredSliData(stored, cutMs, sliceSpecOf(definition));
      const consumed = budgetConsumedIn(definition, data, window, nowMs);
      if (consumed !== undefined) result.set(definition.ref, consumed);
    }
    return result;
  }
}
