import { Postmortem } from '@sre-catalog/backstage-plugin-sre-common';

/**
 * A postmortem as permission rules see it: the wire form plus what was recorded about
 * its affected entities when it was last written. Never sent to clients as is (the
 * SRE refs are not checked for catalog visibility).
 *
 * @public
 */
export type PostmortemResource = Postmortem & {
  /** Embedded SREs and central SRE groups of the affected entities. */
  sreRefs: string[];
  /** An affected entity was annotated `sre-catalog.io/visibility: restricted`. */
  restrictedEntity: boolean;
  /** The affected entities so annotated, each with its owners then. */
  restrictedEntities: PostmortemRestrictedEntity[];
};

/**
 * An affected entity of a postmortem that was annotated
 * `sre-catalog.io/visibility: restricted` when the postmortem was last written, with
 * its owners then (lower case).
 *
 * @public
 */
export type PostmortemRestrictedEntity = {
  entityRef: string;
  ownerRefs: string[];
};

/**
 * Criteria a conditional decision on postmortems translates to: the postmortem's
 * `property` holds one of `values` (all lower case); for `restrictedEntity`, it
 * is about a restricted entity; for `restrictedEntityOwners`, each restricted
 * entity it is about has an owner among `values` (true when none is restricted).
 *
 * @public
 */
export type PostmortemPermissionQuery =
  | {
      property:
        | 'ownerRefs'
        | 'entityRefs'
        | 'sreRefs'
        | 'status'
        | 'createdBy'
        | 'restrictedEntityOwners';
      values: string[];
    }
  | { property: 'restrictedEntity' };

/** The wire form of a postmortem resource: without what only rules may see. */
export function toWirePostmortem({
  sreRefs: _sreRefs,
  restrictedEntity: _restrictedEntity,
  restrictedEntities: _restrictedEntities,
  ...postmortem
}: PostmortemResource): Postmortem {
  return postmortem;
}

/**
 * Every entity ref a postmortem names, in any field it returns: its affected
 * entities and their owners, its impacted SLOs and its action items' owners. A
 * caller who cannot see one of them in the catalog cannot see the postmortem.
 */
export function postmortemNamedRefs(
  postmortem: Pick<
    Postmortem,
    'entityRefs' | 'ownerRefs' | 'impactedSlos' | 'actionItems'
  >,
): string[] {
  return [
    ...new Set([
      ...postmortem.entityRefs,
      ...postmortem.ownerRefs,
      ...postmortem.impactedSlos.map(slo => slo.sloRef),
      ...postmortem.actionItems.map(item => item.owner),
    ]),
  ];
}

/**
 * The restricted fields of a postmortem resource, from its restricted affected
 * entities and the recorded owners of its affected entities.
 */
export function restrictedFacts(
  restrictedEntityRefs: string[],
  owners: Array<{ entityRef: string; ownerRef: string }>,
): Pick<PostmortemResource, 'restrictedEntity' | 'restrictedEntities'> {
  const restrictedEntities = [...new Set(restrictedEntityRefs)].map(
    entityRef => ({
      entityRef,
      ownerRefs: [
        ...new Set(
          owners.filter(o => o.entityRef === entityRef).map(o => o.ownerRef),
        ),
      ].sort(),
    }),
  );
  return {
    restrictedEntity: restrictedEntities.length > 0,
    restrictedEntities,
  };
}
