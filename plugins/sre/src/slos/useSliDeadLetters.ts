import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sreApiRef } from '../api';

/**
 * Loads a page of the pushes of SLI data that could not be applied, of the SLOs
 * the user can see.
 *
 * @public
 */
export function useSliDeadLetters(request: { limit: number; offset: number }) {
  const sreApi = useApi(sreApiRef);
  const { limit, offset } = request;
  return useAsyncRetry(
    () => sreApi.listSliDeadLetters({ limit, offset }),
    [sreApi, limit, offset],
  );
}
