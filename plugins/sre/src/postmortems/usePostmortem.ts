import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sreIncidentsApiRef } from '../api/incidents';

/**
 * Loads one postmortem.
 *
 * @public
 */
export function usePostmortem(id: string) {
  const incidentsApi = useApi(sreIncidentsApiRef);
  return useAsyncRetry(
    () => incidentsApi.getPostmortem(id),
    [incidentsApi, id],
  );
}
