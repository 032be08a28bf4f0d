import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';

/** A choice of a filter: the entity ref and what to show. */
export type FilterOption = { value: string; label: string };

function labelOf(entity: Entity): string {
  const profile = (entity.spec as { profile?: { displayName?: unknown } })
    ?.profile;
  const name =
    entity.metadata.namespace && entity.metadata.namespace !== 'default'
      ? `${entity.metadata.namespace}/${entity.metadata.name}`
      : entity.metadata.name;
  const display =
    typeof profile?.displayName === 'string'
      ? profile.displayName
      : entity.metadata.title;
  return display && display !== name ? `${display} (${name})` : name;
}

function toOptions(entities: Entity[]): FilterOption[] {
  return entities
    .map(entity => ({
      value: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
      label: labelOf(entity),
    }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

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
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.profile.displayName',
      ],
    });
    const ofKind = (kind: string) =>
      items.filter(e => e.kind.toLocaleLowerCase('en-US') === kind);
    return {
      teams: toOptions(ofKind('group')),
      systems: toOptions(ofKind('system')),
    };
  }, [catalogApi]);
}
