import { useApi } from '@backstage/core-plugin-api';
import { ListActionItemsRequest } from '@sre-catalog/backstage-plugin-sre-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sreIncidentsApiRef } from '../api/incidents';

/**
 * Loads action items across postmortems, by due date then priority.
 *
 * @public
 */
export function useActionItems(request: ListActionItemsRequest = {}) {
  const incidentsApi = useApi(sreIncidentsApiRef);
  // The request is compared by value: a new object with the same filters does not reload.
  const key = JSON.stringify(request);
  return useAsyncRetry(
    () => incidentsApi.listActionItems(JSON.parse(key)),
    [incidentsApi, key],
  );
}
