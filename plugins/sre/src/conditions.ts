import { Entity } from '@backstage/catalog-model';
import { SRE_ANNOTATION_PREFIX } from '@sre-catalog/backstage-plugin-sre-common';

/** Kinds that the SRE ownership card applies to. */
export const SRE_OWNERSHIP_KINDS = ['component', 'system', 'resource'];

/**
 * Whether {@link EntitySreOwnershipCard} applies to the entity: Components, Systems
 * and Resources. The card itself explains what to add when nothing is declared.
 *
 * @public
 */
export function isSreOwnershipAvailable(entity: Entity): boolean {
  return SRE_OWNERSHIP_KINDS.includes(entity.kind.toLocaleLowerCase('en-US'));
}

/**
 * Whether {@link EntityGroupSreCard} applies to the entity: Groups.
 *
 * @public
 */
export function isSreTeamAvailable(entity: Entity): boolean {
  return entity.kind.toLocaleLowerCase('en-US') === 'group';
}

/**
 * Whether the entity itself carries any `sre-catalog.io/` annotation (a Component can
 * also inherit them from its System, which this does not see).
 *
 * @public
 */
export function hasSreAnnotations(entity: Entity): boolean {
  return Object.keys(entity.metadata.annotations ?? {}).some(key =>
    key.startsWith(SRE_ANNOTATION_PREFIX),
  );
}

/** Kinds that have SLOs: a Component's own, and a System's components'. */
export const SLO_KINDS = ['component', 'system'];

/**
 * Whether {@link EntitySloContent} and {@link EntitySloCard} apply to the entity:
 * Components and Systems. They explain how to add an SLO when there is none.
 *
 * @public
 */
export function isSloAvailable(entity: Entity): boolean {
  return SLO_KINDS.includes(entity.kind.toLocaleLowerCase('en-US'));
}

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
