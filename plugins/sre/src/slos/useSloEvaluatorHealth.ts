import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sreApiRef } from '../api';

/**
 * Loads whether SLO evaluation keeps up: its last runs, the queue of pushes
 * waiting and the dead letters.
 *
 * @public
 */
export function useSloEvaluatorHealth() {
  const sreApi = useApi(sreApiRef);
  return useAsyncRetry(() => sreApi.getSloEvaluatorHealth(), [sreApi]);
}
