import { Entity } from '@backstage/catalog-model';

/**
 * An OpenSLO SLO entity of `service` with a built-in ratio SLI: 99.9% of
 * occurrences over a rolling 28 days, as the catalog module would ingest it.
 */
export function builtinSloEntity(
  name: string,
  service = 'checkout-api',
  metadata: Partial<Entity['metadata']> = {},
): Entity {
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name, namespace: 'default', ...metadata },
    spec: {
      service,
      indicator: {
        metadata: { name: `${name}-sli` },
        spec: {
          ratioMetric: {
            counter: true,
            good: { metricSource: { type: 'builtin' } },
            total: { metricSource: { type: 'builtin' } },
          },
        },
      },
      budgetingMethod: 'Occurrences',
      timeWindow: [{ duration: '28d', isRolling: true }],
      objectives: [{ target: 0.999 }],
    },
  };
}
