import { SloDefinition } from '@sre-catalog/backstage-plugin-sre-common';
import { PrometheusSliSourceSpec } from '../buildWindowQuery';
import { DAY } from '../../../__testUtils__/durations';

/** The sides (and options) of a Prometheus source; counters unless said otherwise. */
export type PrometheusSides = Omit<
  PrometheusSliSourceSpec,
  'type' | 'counter'
> & {
  counter?: boolean;
};

/** A rolling window of `days` days, as SLO definitions carry it. */
export function rollingDays(days: number): SloDefinition['timeWindow'] {
  return { kind: 'rolling', durationMs: days * DAY, text: `${days}d` };
}

/**
 * An SLO of checkout on a Prometheus source: 99% of events good over 28 days, with
 * the given sides, unless `overrides` say otherwise.
 */
export function prometheusSlo(
  name: string,
  sides: PrometheusSides,
  overrides: Partial<SloDefinition> = {},
): SloDefinition {
  return {
    ref: `slo:default/${name}`,
    name,
    namespace: 'default',
    service: 'component:default/checkout',
    format: 'openslo',
    target: 0.99,
    budgetingMethod: 'Occurrences',
    timeWindow: rollingDays(28),
    indicator: { source: { type: 'prometheus', counter: true, ...sides } },
    alertPolicies: [],
    runbookUrls: [],
    ...overrides,
  };
}
