import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sreApiRef } from '../api';

/**
 * Loads the services a Group supports as SREs and the coverage of those it owns.
 *
 * @public
 */
export function useTeamSupport(entity: Entity) {
  const sreApi = useApi(sreApiRef);
  const groupRef = stringifyEntityRef(entity);
  return useAsyncRetry(
    () => sreApi.getTeamSupport(groupRef),
    [sreApi, groupRef],
  );
}
