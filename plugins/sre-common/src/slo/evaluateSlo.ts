import {
  BURN_RATE_WINDOW_MS,
  BurnRateRule,
  BurnRateWindow,
  DEFAULT_BURN_RATE_RULES,
  EvaluatedRule,
} from './alerting';
import type { SloDefinition } from './definition';
import {
  WindowCounts,
  budgetRatio,
  burnRate,
  burnRateThreshold,
  errorBudgetRemaining,
  timeToExhaustionMs,
} from './math';
import { currentPeriod } from './period';
import type { SloStatus } from './status';
import {
  SliceCounts,
  sliceMsOf,
  sliceWindowCounts,
  timeSliceWindowOf,
} from './kernel/timeSlices';

/** @public What the evaluator reads: sums over any `[from, to)`. */
export interface SliData {
  events(fromMs: number, toMs: number): WindowCounts;
  slices(fromMs: number, toMs: number): SliceCounts;
}

const MINUTE = 60_000;

/** @public How a status names the SLO's data source. */
export function sourceOf(slo: SloDefinition): SloStatus['source'] {
  const source = slo.indicator.source;
  return source.type === 'builtin'
    ? { type: 'builtin' }
    : { type: 'prometheus', name: source.sourceName };
}

/**
 * `new Date(ms).toISOString()` of the last `ms` asked in this slot: within a run
 * every SLO has the same `nowMs` (and every SLO of one rolling duration the same
 * period start), so each run builds its date strings once instead of once per SLO,
 * and the statuses share them.
 */
class IsoSlot {
  private ms = NaN;
  private text = '';
  of(ms: number): string {
    if (ms !== this.ms) {
      this.text = new Date(ms).toISOString();
      this.ms = ms;
    }
    return this.text;
  }
}
const periodStartIso = new IsoSlot();
const evaluatedAtIso = new IsoSlot();

const MS_5M = BURN_RATE_WINDOW_MS['5m'];
const MS_30M = BURN_RATE_WINDOW_MS['30m'];
const MS_1H = BURN_RATE_WINDOW_MS['1h'];
const MS_2H = BURN_RATE_WINDOW_MS['2h'];
const MS_6H = BURN_RATE_WINDOW_MS['6h'];
const MS_1D = BURN_RATE_WINDOW_MS['1d'];
const MS_3D = BURN_RATE_WINDOW_MS['3d'];

/**
 * A default rule evaluated (the same object as evaluateBurnRateRules builds): fires
 * when both windows burn strictly faster than its threshold for the period.
 */
function evaluatedRule(
  rule: BurnRateRule,
  threshold: number,
  firing: boolean,
): EvaluatedRule {
  return Object.freeze({
    severity: rule.severity,
    longWindow: rule.longWindow,
    shortWindow: rule.shortWindow,
    budgetFraction: rule.budgetFraction,
    threshold,
    firing,
  });
}

/**
 * The evaluated default rules of one period length, by which of them fire (bit i
 * for rule i): a status's rules depend on nothing else, so the statuses share
 * these frozen arrays instead of each holding five objects of its own (statuses
 * outlive the run: every object in them is copied by the garbage collector).
 */
class RuleSets {
  private static readonly byPeriod = new Map<number, RuleSets>();
  private readonly sets: Array<EvaluatedRule[] | undefined> = new Array(16);

  /** The threshold of each rule for the period. */
  readonly thresholds: number[];

  private constructor(periodMs: number) {
    this.thresholds = DEFAULT_BURN_RATE_RULES.map(rule =>
      burnRateThreshold(
        rule.budgetFraction,
        periodMs,
        BURN_RATE_WINDOW_MS[rule.longWindow as BurnRateWindow],
      ),
    );
  }

  static of(periodMs: number): RuleSets {
    let sets = RuleSets.byPeriod.get(periodMs);
    if (!sets) {
      // Calendar periods have a few lengths each; keep the table small anyway.
      if (RuleSets.byPeriod.size >= 64) RuleSets.byPeriod.clear();
      sets = new RuleSets(periodMs);
      RuleSets.byPeriod.set(periodMs, sets);
    }
    return sets;
  }

  rules(firing: number): EvaluatedRule[] {
    let rules = this.sets[firing];
    if (!rules) {
      rules = Object.freeze(
        DEFAULT_BURN_RATE_RULES.map((rule, i) =>
          evaluatedRule(rule, this.thresholds[i], (firing & (1 << i)) !== 0),
        ),
      ) as EvaluatedRule[];
      this.sets[firing] = rules;
    }
    return rules;
  }
}

/** Both windows burn strictly faster than the threshold (no data never fires). */
function fires(
  threshold: number,
  long: number | null,
  short: number | null,
): boolean {
  return (
    long !== null && short !== null && long > threshold && short > threshold
  );
}

/** The status's source of a built-in SLO, shared by all of them (frozen). */
const BUILTIN_SOURCE: SloStatus['source'] = Object.freeze({ type: 'builtin' });

/**
 * Computes the status of one SLO at `nowMs` from its data: SLI and budget over the
 * current period, burn rates over the seven windows, the page/ticket state of the
 * burn-rate rules scaled to the period, and time to exhaustion.
 *
 * It runs for every SLO on every evaluation and its result outlives the run, so it
 * builds the status as one object literal of fixed fields (no intermediate maps,
 * arrays or spreads); the result is the same as evaluateBurnRateRules over the
 * burn rates of BURN_RATE_WINDOWS would give.
 *
 * @public
 */
export function evaluateSlo(
  slo: SloDefinition,
  data: SliData,
  nowMs: number,
): Omit<SloStatus, 'dataState' | 'unavailableSince' | 'lastError'> & {
  hasData: boolean;
} {
  const period = currentPeriod(slo.timeWindow, nowMs);
  const periodMs = period.lengthMs;
  const target = slo.target;
  const B = budgetRatio(target);
  const bySlices = slo.budgetingMethod !== 'Occurrences';

  const windowCounts = (fromMs: number): WindowCounts =>
    bySlices
      ? sliceWindowCounts(slo, data.slices(fromMs, nowMs))
      : data.events(fromMs, nowMs);

  const periodCounts = windowCounts(period.startMs);
  const hasData = periodCounts.total > 0;
  const sli = hasData ? periodCounts.good / periodCounts.total : null;

  let remaining: number | undefined;
  let budget: SloStatus['budget'];
  if (!bySlices) {
    remaining = errorBudgetRemaining(periodCounts, target);
    budget = {
      unit: 'events',
      allowed: hasData ? B * periodCounts.total : null,
      consumed: hasData ? periodCounts.total - periodCounts.good : null,
    };
  } else {
    // The budget of time slices is fixed up front: B × the slices of the whole period.
    const sliceMs = sliceMsOf(slo);
    const slicesInPeriod = periodMs / sliceMs;
    const badSlices = periodCounts.total - periodCounts.good;
    remaining = hasData ? 1 - badSlices / (B * slicesInPeriod) : undefined;
    budget = {
      unit: 'minutes',
      allowed: (B * periodMs) / MINUTE,
      consumed: hasData ? (badSlices * sliceMs) / MINUTE : null,
    };
  }

  const r5m = burnRate(windowCounts(nowMs - MS_5M), target);
  const r30m = burnRate(windowCounts(nowMs - MS_30M), target);
  const r1h = burnRate(windowCounts(nowMs - MS_1H), target);
  const r2h = burnRate(windowCounts(nowMs - MS_2H), target);
  const r6h = burnRate(windowCounts(nowMs - MS_6H), target);
  const r1d = burnRate(windowCounts(nowMs - MS_1D), target);
  const r3d = burnRate(windowCounts(nowMs - MS_3D), target);
  const burnRates: SloStatus['burnRates'] = {
    '5m': r5m ?? null,
    '30m': r30m ?? null,
    '1h': r1h ?? null,
    '2h': r2h ?? null,
    '6h': r6h ?? null,
    '1d': r1d ?? null,
    '3d': r3d ?? null,
  };
  const ruleSets = RuleSets.of(periodMs);
  let firing = 0;
  for (let i = 0; i < DEFAULT_BURN_RATE_RULES.length; i++) {
    const rule = DEFAULT_BURN_RATE_RULES[i];
    if (
      fires(
        ruleSets.thresholds[i],
        burnRates[rule.longWindow as BurnRateWindow],
        burnRates[rule.shortWindow as BurnRateWindow],
      )
    ) {
      firing |= 1 << i;
    }
  }
  const rules = ruleSets.rules(firing);
  let alert: SloStatus['alert'] = 'none';
  for (let i = 0; i < rules.length; i++) {
    if (rules[i].firing && rules[i].severity === 'page') alert = 'page';
  }
  if (alert === 'none') {
    for (let i = 0; i < rules.length; i++) {
      if (rules[i].firing && rules[i].severity === 'ticket') alert = 'ticket';
    }
  }
  const tte = timeToExhaustionMs(remaining, r1h, periodMs);
  const timeToExhaustion = tte === undefined ? null : Math.round(tte / 1000);
  const builtin = slo.indicator.source.type === 'builtin';

  return {
    sloRef: slo.ref,
    service: slo.service,
    displayName: slo.displayName,
    description: slo.description,
    source: builtin ? BUILTIN_SOURCE : sourceOf(slo),
    target,
    period: slo.timeWindow.text,
    periodStart: periodStartIso.of(period.startMs),
    budgetingMethod: slo.budgetingMethod,
    // Undefined for occurrences: one shape for every status; JSON leaves it out.
    timeSliceWindow: timeSliceWindowOf(slo),
    sli,
    errorBudgetRemaining: remaining ?? null,
    budget,
    burnRates,
    alert,
    rules,
    timeToExhaustion,
    evaluatedAt: evaluatedAtIso.of(nowMs),
    hasData,
  };
}
