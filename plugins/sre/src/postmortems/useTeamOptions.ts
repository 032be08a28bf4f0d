import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import {
  FILTER_OPTION_FIELDS,
  filterOptionsOf,
} from '../shared/catalogFilterOptions';
import { FilterOption } from '../shared/FilterSelect';

/** The Groups of the catalog, as choices of a team filter; in one request. */
export function useTeamOptions() {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async (): Promise<FilterOption[]> => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'Group' },
      fields: FILTER_OPTION_FIELDS,
    });
    return filterOptionsOf(items);
  }, [catalogApi]);
}
