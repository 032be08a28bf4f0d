/**
 * The SRE Catalog backend plugin.
 *
 * @packageDocumentation
 */

export { srePlugin as default } from './plugin';
export type {
  OwnershipService,
  OwnershipRequestOptions,
} from './services/ownership/OwnershipService';
export type {
  RunbooksService,
  RunbooksRequestOptions,
} from './services/runbooks/RunbooksService';
export {
  postmortemConditions,
  createPostmortemConditionalDecision,
  postmortemPermissionRules,
  postmortemPermissionResourceRef,
} from './services/postmortems/postmortemPermissionRules';
export type { PostmortemPermissionQuery } from './services/postmortems/postmortemPermissionRules';
export type {
  PostmortemService,
  PostmortemRequestOptions,
} from './services/postmortems/PostmortemService';
