import { useApiHolder } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { SloStatus } from '@sre-catalog/backstage-plugin-sre-common';
import useAsync from 'react-use/esm/useAsync';

/** `spec.objectives[0].timeSliceWindow` of an SLO entity, when it is a string. */
function sliceWindowOf(spec: unknown): string | undefined {
  const objectives = (spec as { objectives?: unknown } | undefined)?.objectives;
  if (!Array.isArray(objectives)) return undefined;
  const window = (objectives[0] as { timeSliceWindow?: unknown } | undefined)
    ?.timeSliceWindow;
  return typeof window === 'string' ? window : undefined;
}

const EMPTY = new Map<string, string>();

/**
 * The time slice length (`1m`, `5m`) of SLOs budgeted by time slices, read from their
 * SLO entities in the catalog, since the status does not carry it. SLOs budgeted by
 * occurrences are not looked up. Failures (or an app without the catalog) leave the
 * map empty: the slice length is only used to phrase the objective.
 *
 * @public
 */
export function useSliceWindows(
  slos: Pick<SloStatus, 'sloRef' | 'budgetingMethod'>[] | undefined,
): Map<string, string> {
  // Optional: an app without the catalog (e.g. the plugin's dev app) still works.
  const catalogApi = useApiHolder().get(catalogApiRef);
  const refs = (slos ?? [])
    .filter(slo => slo.budgetingMethod !== 'Occurrences')
    .map(slo => slo.sloRef);
  const key = refs.join('\n');
  const { value } = useAsync(async () => {
    const windows = new Map<string, string>();
    if (!key || !catalogApi) return windows;
    const entityRefs = key.split('\n');
    try {
      const { items } = await catalogApi.getEntitiesByRefs({
        entityRefs,
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'spec.objectives',
        ],
      });
      items.forEach((entity, index) => {
        const window = sliceWindowOf(entity?.spec);
        if (window) windows.set(entityRefs[index], window);
      });
    } catch {
      // The objective then says "time slices" without their length.
    }
    return windows;
  }, [catalogApi, key]);
  return value ?? EMPTY;
}
