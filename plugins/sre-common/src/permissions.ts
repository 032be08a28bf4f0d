import { createPermission } from '@backstage/plugin-permission-common';
import { POSTMORTEM_RESOURCE_TYPE } from './postmortems/constants';

/**
 * Push SLI events into the built-in store. Service principals (CI, exporters) may
 * always push; users need this permission.
 *
 * @public
 */
export const sloEventsCreatePermission = createPermission({
  name: 'sre.slo.events.create',
  attributes: { action: 'create' },
});

/**
 * Write a new postmortem. Service principals (seeders, scaffolder actions) may always
 * write; users need this permission.
 *
 * @public
 */
export const postmortemCreatePermission = createPermission({
  name: 'sre.postmortem.create',
  attributes: { action: 'create' },
});

/**
 * Change a postmortem (a resource permission on `sre-postmortem`, so that a policy can
 * return a conditional decision, such as "an affected entity is owned by the user",
 * with the rules the SRE backend registers). Service principals may always write.
 *
 * @public
 */
export const postmortemUpdatePermission = createPermission({
  name: 'sre.postmortem.update',
  attributes: { action: 'update' },
  resourceType: POSTMORTEM_RESOURCE_TYPE,
});

/** @public The permissions of the postmortem registry. */
export const postmortemPermissions = [
  postmortemCreatePermission,
  postmortemUpdatePermission,
];

/** @public Every permission of the SRE Catalog, for policy authors. */
export const srePermissions = [
  sloEventsCreatePermission,
  ...postmortemPermissions,
];
