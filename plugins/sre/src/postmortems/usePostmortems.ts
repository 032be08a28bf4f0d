import { useApi } from '@backstage/core-plugin-api';
import { ListPostmortemsRequest } from '@sre-catalog/backstage-plugin-sre-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sreApiRef } from '../api';

/**
 * Loads postmortems, newest incident first, filtered and paged by the backend.
 * Reloads when a filter changes.
 *
 * @public
 */
export function usePostmortems(request: ListPostmortemsRequest = {}) {
  const sreApi = useApi(sreApiRef);
  // The request is compared by value: a new object with the same filters does not reload.
  const key = JSON.stringify(request);
  return useAsyncRetry(
    () => sreApi.listPostmortems(JSON.parse(key)),
    [sreApi, key],
  );
}
