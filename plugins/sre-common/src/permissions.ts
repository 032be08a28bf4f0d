import {
  createPermission,
  PermissionAttributes,
} from '@backstage/plugin-permission-common';
import { POSTMORTEM_RESOURCE_TYPE } from './postmortems/constants';

/**
 * The permission resource type of SLOs (resource refs are SLO entity refs such as
 * `slo:default/checkout-api-availability`), for conditional decisions on
 * `sre.slo.events.create`.
 *
 * @public
 */
export const SLO_RESOURCE_TYPE = 'sre-slo';

/**
 * Push SLI events of one SLO into the built-in store. A resource permission on the
 * SLO, checked for users and service principals alike (so that an external access
 * token restricted to it can push, and nothing else), so that a policy can return a
 * conditional decision such as "the caller owns or supports the SLO's service".
 *
 * @public
 */
export const sloEventsCreatePermission = createPermission({
  name: 'sre.slo.events.create',
  attributes: { action: 'create' },
  resourceType: SLO_RESOURCE_TYPE,
});

/**
 * A resource permission on `sre-postmortem`, so that a policy can return a conditional
 * decision on the postmortem; the postmortem permissions differ only in name and action.
 */
function postmortemPermission(
  name: string,
  action: PermissionAttributes['action'],
) {
  return createPermission({
    name,
    attributes: { action },
    resourceType: POSTMORTEM_RESOURCE_TYPE,
  });
}

/**
 * Read a postmortem (a resource permission on `sre-postmortem`). It restricts reading
 * beyond catalog visibility, which always applies: a postmortem is only visible to
 * callers who can see every entity it names.
 *
 * @public
 */
export const postmortemReadPermission = postmortemPermission(
  'sre.postmortem.read',
  'read',
);

/**
 * Write a new postmortem (a resource permission on `sre-postmortem`: a conditional
 * decision is applied to the postmortem as it would be stored, so that a policy can
 * allow "postmortems of services the user owns or supports"). Checked for users and
 * service principals alike.
 *
 * @public
 */
export const postmortemCreatePermission = postmortemPermission(
  'sre.postmortem.create',
  'create',
);

/**
 * Change a postmortem (a resource permission on `sre-postmortem`, so that a policy can
 * return a conditional decision, such as "an affected entity is owned by the user",
 * with the rules the SRE backend registers). Checked for users and service principals
 * alike.
 *
 * @public
 */
export const postmortemUpdatePermission = postmortemPermission(
  'sre.postmortem.update',
  'update',
);

/** @public The permissions of the postmortem registry. */
export const postmortemPermissions = [
  postmortemReadPermission,
  postmortemCreatePermission,
  postmortemUpdatePermission,
];

/**
 * Retry or discard the dead letters of the SLI push queue (pushes that could not
 * be applied): `POST /slos/dead-letters/:id/retry` and
 * `DELETE /slos/dead-letters/:id`. A basic permission, checked for users and service
 * principals alike; an operator's, not an SLO owner's: a dead letter may hold
 * the buckets of many SLOs.
 *
 * @public
 */
export const sloDeadLetterManagePermission = createPermission({
  name: 'sre.slo.deadletter.manage',
  attributes: { action: 'update' },
});

/** @public The permissions on SLOs (resource `sre-slo`). */
export const sloPermissions = [sloEventsCreatePermission];

/** @public Every permission of the SRE Catalog, for policy authors. */
export const srePermissions = [
  ...sloPermissions,
  sloDeadLetterManagePermission,
  ...postmortemPermissions,
];
