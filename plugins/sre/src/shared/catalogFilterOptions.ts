import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { FilterOption } from './FilterSelect';

/** The entity fields a filter choice needs; ask the catalog for only these. */
export const FILTER_OPTION_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.profile.displayName',
];

/** `Payments (payments-team)`: the display name or title, with the name when they differ. */
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

/** Catalog entities as filter choices by lower-case ref, sorted by label. */
export function filterOptionsOf(entities: Entity[]): FilterOption[] {
  return entities
    .map(entity => ({
      value: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
      label: labelOf(entity),
    }))
    .sort((a, b) => a.label.localeCompare(b.label));
}
