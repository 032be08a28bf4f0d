import { createPermission } from '@backstage/plugin-permission-common';

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

/** @public Every permission of the SRE Catalog, for policy authors. */
export const srePermissions = [sloEventsCreatePermission];
