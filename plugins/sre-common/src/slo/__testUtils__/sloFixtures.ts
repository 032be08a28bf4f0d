import type { SliBucket } from '../kernel/prefixColumns';
import type { SloDefinition } from '../definition';

const MIN = 60_000;
const DAY = 86_400_000;

/** The "now" of the SLO math tests. */
export const NOW = Date.UTC(2026, 10, 22, 12, 0);

/** A built-in 99.9% / 30-day Occurrences SLO of checkout-api, with overrides. */
export const testSlo = (over: Partial<SloDefinition> = {}): SloDefinition => ({
  ref: 'slo:default/checkout-availability',
  name: 'checkout-availability',
  namespace: 'default',
  service: 'component:default/checkout-api',
  format: 'openslo',
  target: 0.999,
  budgetingMethod: 'Occurrences',
  timeWindow: { kind: 'rolling', durationMs: 30 * DAY, text: '30d' },
  indicator: { source: { type: 'builtin' } },
  alertPolicies: [],
  runbookUrls: [],
  ...over,
});

/** Minute buckets of 1000 events over the `days` before NOW, `errorsAt(t)` of them bad. */
export function minuteBuckets(
  days: number,
  errorsAt: (t: number) => number,
): SliBucket[] {
  const out: SliBucket[] = [];
  for (let t = NOW - days * DAY; t < NOW; t += MIN) {
    out.push({ startMs: t, total: 1000, good: 1000 - errorsAt(t) });
  }
  return out;
}
