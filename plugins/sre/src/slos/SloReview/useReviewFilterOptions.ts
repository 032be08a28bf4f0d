import { useApiHolder } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import {
  FILTER_OPTION_FIELDS,
  filterOptionsOf,
} from '../../shared/catalogFilterOptions';

/**
 * The teams (Groups) and Systems of the catalog, as choices of the SLO review's
 * filters; in one catalog request.
 */
export function useReviewFilterOptions() {
  // Optional: without the catalog (e.g. the plugin's dev app) there are no choices.
  const catalogApi = useApiHolder().get(catalogApiRef);
  return useAsync(async () => {
    if (!catalogApi) return { teams: [], systems: [] };
    const { items } = await catalogApi.getEntities({
      filter: [{ kind: 'Group' }, { kind: 'System' }],
      fields: FILTER_OPTION_FIELDS,
    });
    const ofKind = (kind: string) =>
      items.filter(e => e.kind.toLocaleLowerCase('en-US') === kind);
    return {
      teams: filterOptionsOf(ofKind('group')),
      systems: filterOptionsOf(ofKind('system')),
    };
  }, [catalogApi]);
}
