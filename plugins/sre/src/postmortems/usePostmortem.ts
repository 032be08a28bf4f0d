import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sreApiRef } from '../api';

/**
 * Loads one postmortem.
 *
 * @public
 */
export function usePostmortem(id: string) {
  const sreApi = useApi(sreApiRef);
  return useAsyncRetry(() => sreApi.getPostmortem(id), [sreApi, id]);
}
