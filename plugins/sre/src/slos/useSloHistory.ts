import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sreApiRef } from '../api';

/**
 * Loads one point per day of an SLO's error budget and SLI over the last `days` days.
 *
 * @public
 */
export function useSloHistory(sloRef: string, days: number = 30) {
  const sreApi = useApi(sreApiRef);
  return useAsyncRetry(
    () => sreApi.getSloHistory(sloRef, days),
    [sreApi, sloRef, days],
  );
}
