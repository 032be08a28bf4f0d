/**
 * Frontend of the SRE Catalog: who is responsible for the reliability of each
 * service. This entry point is for the legacy frontend system; the new frontend
 * system uses `@sre-catalog/backstage-plugin-sre/alpha`.
 *
 * @packageDocumentation
 */

export {
  srePlugin,
  SrePage,
  EntitySreOwnershipCard,
  EntityGroupSreCard,
} from './plugin';
export { SreClient, sreApiRef } from './api';
export type { SreApi, SreClientOptions } from './api';
export { useOwnership, useCoverage, useTeamSupport } from './hooks';
export {
  isSreOwnershipAvailable,
  isSreTeamAvailable,
  hasSreAnnotations,
} from './conditions';
