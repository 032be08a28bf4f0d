import { useApi } from '@backstage/core-plugin-api';
import { GetCoverageRequest } from '@sre-catalog/backstage-plugin-sre-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sreApiRef } from '../api';

/**
 * Loads the SRE coverage report, optionally narrowed to one owner Group and/or System.
 *
 * @public
 */
export function useCoverage(filters: GetCoverageRequest = {}) {
  const sreApi = useApi(sreApiRef);
  const { owner, system } = filters;
  return useAsyncRetry(
    () => sreApi.getCoverage({ owner, system }),
    [sreApi, owner, system],
  );
}
