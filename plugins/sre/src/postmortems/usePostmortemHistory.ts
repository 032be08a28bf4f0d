import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sreIncidentsApiRef } from '../api/incidents';

/**
 * Loads who changed a postmortem and when; reloads when `version` changes.
 *
 * @public
 */
export function usePostmortemHistory(id: string, version?: number) {
  const incidentsApi = useApi(sreIncidentsApiRef);
  return useAsyncRetry(
    () => incidentsApi.getPostmortemHistory(id),
    [incidentsApi, id, version],
  );
}
