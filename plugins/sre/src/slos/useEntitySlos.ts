import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useSlos } from './useSlos';

/** The most SLOs the backend returns at once. */
export const MAX_SLOS_PER_REQUEST = 500;

/**
 * Loads the SLOs of an entity: a System's are those of its components, any other
 * kind's (a Component) its own, with its invalid SLO documents.
 *
 * @public
 */
export function useEntitySlos(entity: Entity) {
  const ref = stringifyEntityRef(entity);
  const isSystem = entity.kind.toLocaleLowerCase('en-US') === 'system';
  return useSlos({
    entityRef: isSystem ? undefined : ref,
    system: isSystem ? ref : undefined,
    limit: MAX_SLOS_PER_REQUEST,
  });
}
