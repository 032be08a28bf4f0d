/**
 * Frontend of the SRE Catalog: who is responsible for the reliability of each
 * service, its SLOs, runbooks and postmortems. This entry point is for the legacy frontend system; the new frontend
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
export {
  EntityRunbooksContent,
  EntityPostmortemsContent,
  EntityGroupPostmortemsCard,
} from './incidents';
export { rootRouteRef, sloContentRouteRef } from './routes';
export {
  runbooksContentRouteRef,
  postmortemsContentRouteRef,
} from './incidentRoutes';
export { SreClient, sreApiRef } from './api';
export type {
  SreApi,
  SreClientOptions,
  ListSlosRequest,
  ListSliDeadLettersRequest,
} from './api';
export { SreIncidentsClient, sreIncidentsApiRef } from './api/incidents';
export type {
  SreIncidentsApi,
  SreIncidentsClientOptions,
  ListRequiredPostmortemsRequest,
} from './api/incidents';
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
  useEntityRunbooks,
  usePostmortems,
  usePostmortem,
  usePostmortemHistory,
  useActionItems,
  useRequiredPostmortems,
} from './hooks/incidents';
export {
  isSreOwnershipAvailable,
  isSreTeamAvailable,
  hasSreAnnotations,
  isSloAvailable,
} from './conditions';
export {
  isIncidentsAvailable,
  isTeamPostmortemsAvailable,
} from './incidentConditions';
export type { EntitySloCardProps } from './components/EntitySloCard';
export type { EntityGroupSloCardProps } from './components/EntityGroupSloCard';
