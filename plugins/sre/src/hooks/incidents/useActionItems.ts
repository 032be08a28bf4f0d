import { useApi } from '@backstage/core-plugin-api';
import { ListActionItemsRequest } from '@sre-catalog/backstage-plugin-sre-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sreIncidentsApiRef } from '../../api/incidents';

/**
 * Loads action items across postmortems, by due date then priority.
 *
 * @public
 */
export function useActionItems(request: ListActionItemsRequest = {}) {
  const incidentsApi = useApi(sreIncidentsApiRef);
  const { overdue, owner, team, status, priority, entityRef, limit, offset } =
    request;
  return useAsyncRetry(
    () =>
      incidentsApi.listActionItems({
        overdue,
        owner,
        team,
        status,
        priority,
        entityRef,
        limit,
        offset,
      }),
    [
      incidentsApi,
      overdue,
      owner,
      team,
      status,
      priority,
      entityRef,
      limit,
      offset,
    ],
  );
}
