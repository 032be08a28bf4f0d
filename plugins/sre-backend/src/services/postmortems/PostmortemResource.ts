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
};

/**
 * Criteria a conditional decision on postmortems translates to: the postmortem's
 * `property` holds one of `values` (all lower case), or, for `restrictedEntity`, it
 * is about a restricted entity.
 *
 * @public
 */
export type PostmortemPermissionQuery =
  | {
      property: 'ownerRefs' | 'entityRefs' | 'sreRefs' | 'status' | 'createdBy';
      values: string[];
    }
  | { property: 'restrictedEntity' };

/** The wire form of a postmortem resource: without what only rules may see. */
export function toWirePostmortem({
  sreRefs: _sreRefs,
  restrictedEntity: _restrictedEntity,
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
