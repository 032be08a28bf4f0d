import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sreApiRef } from '../api';

/**
 * Loads the runbooks of a Component or System, the alerts they cover and the problems
 * found reading them.
 *
 * @public
 */
export function useEntityRunbooks(entity: Entity) {
  const sreApi = useApi(sreApiRef);
  const entityRef = stringifyEntityRef(entity);
  return useAsyncRetry(
    () => sreApi.getRunbooks(entityRef),
    [sreApi, entityRef],
  );
}
