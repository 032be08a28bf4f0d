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
  EntitySloContent,
  EntitySloCard,
  EntityGroupSloCard,
} from './plugin';
export { rootRouteRef, sloContentRouteRef } from './routes';
export { SreClient, sreApiRef } from './api';
export type { SreApi, SreClientOptions, ListSlosRequest } from './api';
export {
  useOwnership,
  useCoverage,
  useTeamSupport,
  useSlos,
  useSloStatus,
  useSloHistory,
  useEntitySlos,
  useSliceWindows,
} from './hooks';
export {
  isSreOwnershipAvailable,
  isSreTeamAvailable,
  hasSreAnnotations,
  isSloAvailable,
} from './conditions';
export type { EntitySloCardProps } from './components/EntitySloCard';
export type { EntityGroupSloCardProps } from './components/EntityGroupSloCard';
