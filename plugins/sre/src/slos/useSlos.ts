import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ListSlosRequest, sreApiRef } from '../api';

/** Refs as strings, so that a new object for the same ref does not reload. */
function refString(ref: ListSlosRequest['entityRef']): string | undefined {
  return typeof ref === 'object' ? stringifyEntityRef(ref) : ref;
}

/**
 * Loads the status of SLOs, filtered and paged by the backend (least budget left
 * first unless `orderBy` says otherwise).
 *
 * @public
 */
export function useSlos(request: ListSlosRequest = {}) {
  const sreApi = useApi(sreApiRef);
  const entityRef = refString(request.entityRef);
  const owner = refString(request.owner);
  const system = refString(request.system);
  const { alert, orderBy, limit, offset } = request;
  return useAsyncRetry(
    () =>
      sreApi.listSlos({
        entityRef,
        owner,
        system,
        alert,
        orderBy,
        limit,
        offset,
      }),
    [sreApi, entityRef, owner, system, alert, orderBy, limit, offset],
  );
}
