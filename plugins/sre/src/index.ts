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
  EntityRunbooksContent,
  EntityPostmortemsContent,
  EntityGroupPostmortemsCard,
  SrePostmortemSearchResultListItem,
  SreRunbookSearchResultListItem,
} from './plugin';
export type { SreSearchResultListItemProps } from './search';
export {
  rootRouteRef,
  sloContentRouteRef,
  runbooksContentRouteRef,
  postmortemsContentRouteRef,
} from './routes';
export { SreClient, sreApiRef } from './api';
export type {
  SreApi,
  SreClientOptions,
  ListSlosRequest,
  ListSliDeadLettersRequest,
  ListRequiredPostmortemsRequest,
} from './api';
export { SreIncidentsClient, sreIncidentsApiRef } from './api/SreIncidentsApi';
export type {
  SreIncidentsApi,
  SreIncidentsClientOptions,
} from './api/SreIncidentsApi';
export { useOwnership } from './ownership/useOwnership';
export { useTeamSupport } from './ownership/useTeamSupport';
export { useCoverage } from './reliabilityPage/useCoverage';
export { useSlos } from './slos/useSlos';
export { useSloStatus } from './slos/useSloStatus';
export { useSloHistory } from './slos/useSloHistory';
export { useEntitySlos } from './slos/useEntitySlos';
export { useSliceWindows } from './slos/useSliceWindows';
export { useEntityRunbooks } from './runbooks/useEntityRunbooks';
export { usePostmortems } from './postmortems/usePostmortems';
export { usePostmortem } from './postmortems/usePostmortem';
export { usePostmortemHistory } from './postmortems/usePostmortemHistory';
export { useActionItems } from './postmortems/useActionItems';
export { useRequiredPostmortems } from './postmortems/useRequiredPostmortems';
export {
  isSreOwnershipAvailable,
  isSreTeamAvailable,
  hasSreAnnotations,
  isSloAvailable,
  isIncidentsAvailable,
  isTeamPostmortemsAvailable,
} from './conditions';
export type { EntitySloCardProps } from './slos/EntitySloCard';
export type { EntityGroupSloCardProps } from './slos/EntityGroupSloCard';
export type { GroupPostmortemsCardProps as EntityGroupPostmortemsCardProps } from './postmortems/GroupPostmortemsCard';
