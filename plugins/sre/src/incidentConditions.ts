import { Entity } from '@backstage/catalog-model';

/** Kinds with runbooks and postmortems: services (Components) and Systems. */
export const INCIDENT_KINDS = ['component', 'system'];

/**
 * Whether the Runbooks and "Incidents & postmortems" tabs apply to the entity:
 * Components and Systems. Both explain how to start when there is nothing yet.
 *
 * @public
 */
export function isIncidentsAvailable(entity: Entity): boolean {
  return INCIDENT_KINDS.includes(entity.kind.toLocaleLowerCase('en-US'));
}

/**
 * Whether {@link EntityGroupPostmortemsCard} applies to the entity: Groups.
 *
 * @public
 */
export function isTeamPostmortemsAvailable(entity: Entity): boolean {
  return entity.kind.toLocaleLowerCase('en-US') === 'group';
}
