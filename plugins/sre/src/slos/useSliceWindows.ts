import { SloStatus } from '@sre-catalog/backstage-plugin-sre-common';
import { useMemo } from 'react';

/**
 * The time slice length (`1m`, `5m`) of SLOs budgeted by time slices, by SLO ref,
 * as their statuses say it.
 *
 * @public
 * @deprecated The status carries it: read `SloStatus.timeSliceWindow`.
 */
export function useSliceWindows(
  slos:
    | Pick<SloStatus, 'sloRef' | 'budgetingMethod' | 'timeSliceWindow'>[]
    | undefined,
): Map<string, string> {
  return useMemo(() => {
    const windows = new Map<string, string>();
    for (const slo of slos ?? []) {
      if (slo.timeSliceWindow) windows.set(slo.sloRef, slo.timeSliceWindow);
    }
    return windows;
  }, [slos]);
}
