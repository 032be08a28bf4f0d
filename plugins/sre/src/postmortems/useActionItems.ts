import { useApi } from '@backstage/core-plugin-api';
import { ListActionItemsRequest } from '@sre-catalog/backstage-plugin-sre-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sreApiRef } from '../api';

/**
 * Loads action items across postmortems, by due date then priority.
 *
 * @public
 */
export function useActionItems(request: ListActionItemsRequest = {}) {
  const sreApi = useApi(sreApiRef);
  // The request is compared by value: a new object with the same filters does not reload.
  const key = JSON.stringify(request);
  return useAsyncRetry(
    () => sreApi.listActionItems(JSON.parse(key)),
    [sreApi, key],
  );
}
