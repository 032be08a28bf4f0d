import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sreApiRef } from '../api';

/**
 * Loads the current status of one SLO, e.g. `slo:default/checkout-api-availability`.
 *
 * @public
 */
export function useSloStatus(sloRef: string) {
  const sreApi = useApi(sreApiRef);
  return useAsyncRetry(() => sreApi.getSloStatus(sloRef), [sreApi, sloRef]);
}
