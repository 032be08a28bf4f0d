import { useApi } from '@backstage/core-plugin-api';
import { ListPostmortemsRequest } from '@sre-catalog/backstage-plugin-sre-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sreIncidentsApiRef } from '../../api/incidents';

/**
 * Loads postmortems, newest incident first, filtered and paged by the backend.
 * Reloads when a filter changes.
 *
 * @public
 */
export function usePostmortems(request: ListPostmortemsRequest = {}) {
  const incidentsApi = useApi(sreIncidentsApiRef);
  const {
    entityRef,
    owner,
    severity,
    status,
    tag,
    from,
    to,
    q,
    limit,
    offset,
  } = request;
  return useAsyncRetry(
    () =>
      incidentsApi.listPostmortems({
        entityRef,
        owner,
        severity,
        status,
        tag,
        from,
        to,
        q,
        limit,
        offset,
      }),
    [
      incidentsApi,
      entityRef,
      owner,
      severity,
      status,
      tag,
      from,
      to,
      q,
      limit,
      offset,
    ],
  );
}
