import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  ListRequiredPostmortemsRequest,
  sreIncidentsApiRef,
} from '../api/incidents';

/**
 * Loads the incidents whose postmortem the error budget policy requires but that is
 * missing or lacks a P0 action item.
 *
 * @public
 */
export function useRequiredPostmortems(
  request: ListRequiredPostmortemsRequest = {},
) {
  const incidentsApi = useApi(sreIncidentsApiRef);
  const { limit, offset } = request;
  return useAsyncRetry(
    () => incidentsApi.listRequiredPostmortems({ limit, offset }),
    [incidentsApi, limit, offset],
  );
}
