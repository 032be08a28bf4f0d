import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sreIncidentsApiRef } from '../api/incidents';

/**
 * Loads the runbooks of a Component or System, the alerts they cover and the problems
 * found reading them.
 *
 * @public
 */
export function useEntityRunbooks(entity: Entity) {
  const incidentsApi = useApi(sreIncidentsApiRef);
  const entityRef = stringifyEntityRef(entity);
  return useAsyncRetry(
    () => incidentsApi.getRunbooks(entityRef),
    [incidentsApi, entityRef],
  );
}
