import { burnRateThreshold } from './math';

/** @public Alert severities of the multi-window multi-burn-rate rules. */
export type AlertSeverity = 'page' | 'ticket';

/** @public One rule: fires when both windows burn faster than the threshold. */
export type BurnRateRule = {
  severity: AlertSeverity;
  longWindow: string;
  shortWindow: string;
  /** Fraction of the period's budget spent when the rule fires. */
  budgetFraction: number;
};

/** @public The burn-rate windows the suite evaluates, shortest first. */
export const BURN_RATE_WINDOWS = [
  '5m',
  '30m',
  '1h',
  '2h',
  '6h',
  '1d',
  '3d',
] as const;

/** @public */
export type BurnRateWindow = (typeof BURN_RATE_WINDOWS)[number];

/** @public Milliseconds of each burn-rate window. */
export const BURN_RATE_WINDOW_MS: Record<BurnRateWindow, number> = {
  '5m': 5 * 60_000,
  '30m': 30 * 60_000,
  '1h': 3_600_000,
  '2h': 2 * 3_600_000,
  '6h': 6 * 3_600_000,
  '1d': 86_400_000,
  '3d': 3 * 86_400_000,
};

/**
 * SRE Workbook table 5-8 plus the 4th rule of its example (page at 2% and 5% of the
 * budget, ticket at 10%). The short window is 1/12 of the long one.
 *
 * @public
 */
export const DEFAULT_BURN_RATE_RULES: readonly BurnRateRule[] = [
  {
    severity: 'page',
    longWindow: '1h',
    shortWindow: '5m',
    budgetFraction: 0.02,
  },
  {
    severity: 'page',
    longWindow: '6h',
    shortWindow: '30m',
    budgetFraction: 0.05,
  },
  {
    severity: 'ticket',
    longWindow: '1d',
    shortWindow: '2h',
    budgetFraction: 0.1,
  },
  {
    severity: 'ticket',
    longWindow: '3d',
    shortWindow: '6h',
    budgetFraction: 0.1,
  },
];

/** @public A rule with its threshold for one period, and whether it fires now. */
export type EvaluatedRule = BurnRateRule & {
  threshold: number;
  firing: boolean;
};

/**
 * Evaluates the rules for a period length against burn rates per window. A rule fires
 * when BOTH windows burn strictly faster than its threshold; a window without data
 * never fires.
 *
 * @public
 */
export function evaluateBurnRateRules(
  burnRates: Partial<Record<BurnRateWindow, number | undefined>>,
  periodMs: number,
  rules: readonly BurnRateRule[] = DEFAULT_BURN_RATE_RULES,
): { alert: AlertSeverity | 'none'; rules: EvaluatedRule[] } {
  const evaluated = rules.map(rule => {
    const threshold = burnRateThreshold(
      rule.budgetFraction,
      periodMs,
      BURN_RATE_WINDOW_MS[rule.longWindow as BurnRateWindow],
    );
    const long = burnRates[rule.longWindow as BurnRateWindow];
    const short = burnRates[rule.shortWindow as BurnRateWindow];
    const firing =
      long !== undefined &&
      short !== undefined &&
      long > threshold &&
      short > threshold;
    return { ...rule, threshold, firing };
  });
  const firing = (severity: AlertSeverity) =>
    evaluated.some(r => r.firing && r.severity === severity);
  let alert: AlertSeverity | 'none' = 'none';
  if (firing('page')) alert = 'page';
  else if (firing('ticket')) alert = 'ticket';
  return { alert, rules: evaluated };
}
