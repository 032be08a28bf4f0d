import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';

/** A choice of a filter: the entity ref and what to show. */
export type TeamOption = { value: string; label: string };

/** The Groups of the catalog, as choices of a team filter; in one request. */
export function useTeamOptions() {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async (): Promise<TeamOption[]> => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'Group' },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.profile.displayName',
      ],
    });
    return items
      .map(entity => {
        const profile = (
          entity.spec as { profile?: { displayName?: unknown } } | undefined
        )?.profile;
        const name =
          entity.metadata.namespace && entity.metadata.namespace !== 'default'
            ? `${entity.metadata.namespace}/${entity.metadata.name}`
            : entity.metadata.name;
        const display =
          typeof profile?.displayName === 'string'
            ? profile.displayName
            : entity.metadata.title;
        return {
          value: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
          label: display && display !== name ? `${display} (${name})` : name,
        };
      })
      .sort((a, b) => a.label.localeCompare(b.label));
  }, [catalogApi]);
}
