import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sreApiRef } from '../api';

/**
 * Loads who is responsible for the reliability of a Component, System or Resource.
 *
 * @public
 */
export function useOwnership(entity: Entity) {
  const sreApi = useApi(sreApiRef);
  const entityRef = stringifyEntityRef(entity);
  return useAsyncRetry(
    () => sreApi.getOwnership(entityRef),
    [sreApi, entityRef],
  );
}
