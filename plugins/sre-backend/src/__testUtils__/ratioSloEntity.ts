import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { builtinSloEntity } from './sloEntity';

/**
 * The SLO entity of builtinSloEntity with, where given, another service, ratio
 * metric (the SLI's `ratioMetric`: its sides and sources), rolling window or
 * target.
 */
export function ratioSloEntity(
  name: string,
  spec: {
    service?: string;
    ratioMetric?: JsonObject;
    duration?: string;
    target?: number;
  },
): Entity {
  const entity = builtinSloEntity(name, spec.service);
  const { ratioMetric, duration, target } = spec;
  return {
    ...entity,
    spec: {
      ...entity.spec,
      ...(ratioMetric && {
        indicator: { metadata: { name: `${name}-sli` }, spec: { ratioMetric } },
      }),
      ...(duration && { timeWindow: [{ duration, isRolling: true }] }),
      ...(target !== undefined && { objectives: [{ target }] }),
    },
  };
}
