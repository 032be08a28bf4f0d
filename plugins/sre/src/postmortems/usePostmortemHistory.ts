import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sreApiRef } from '../api';

/**
 * Loads who changed a postmortem and when; reloads when `version` changes.
 *
 * @public
 */
export function usePostmortemHistory(id: string, version?: number) {
  const sreApi = useApi(sreApiRef);
  return useAsyncRetry(
    () => sreApi.getPostmortemHistory(id),
    [sreApi, id, version],
  );
}
