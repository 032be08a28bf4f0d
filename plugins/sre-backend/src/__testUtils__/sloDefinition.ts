import { SloDefinition } from '@sre-catalog/backstage-plugin-sre-common';

/**
 * A valid built-in 99.9% / 28-day Occurrences SLO definition named `name`, with
 * overrides, for tests that need definitions without parsing entities.
 */
export function sloDefinition(
  name: string,
  over: Partial<SloDefinition> = {},
): SloDefinition {
  const namespace = over.namespace ?? 'default';
  return {
    ref: `slo:${namespace}/${name}`,
    name,
    namespace,
    service: 'component:default/checkout-api',
    format: 'openslo',
    target: 0.999,
    budgetingMethod: 'Occurrences',
    timeWindow: { kind: 'rolling', durationMs: 28 * 86_400_000, text: '28d' },
    indicator: { source: { type: 'builtin' } },
    alertPolicies: [],
    runbookUrls: [],
    ...over,
  };
}
