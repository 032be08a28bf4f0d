import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ListRequiredPostmortemsRequest, sreApiRef } from '../api';

/**
 * Loads the incidents whose postmortem the error budget policy requires but that is
 * missing or lacks a P0 action item.
 *
 * @public
 */
export function useRequiredPostmortems(
  request: ListRequiredPostmortemsRequest = {},
) {
  const sreApi = useApi(sreApiRef);
  const { limit, offset } = request;
  return useAsyncRetry(
    () => sreApi.listRequiredPostmortems({ limit, offset }),
    [sreApi, limit, offset],
  );
}
