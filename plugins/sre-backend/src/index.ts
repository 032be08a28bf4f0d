/**
 * The SRE Catalog backend plugin.
 *
 * @packageDocumentation
 */

export { srePlugin as default } from './plugin';
export type {
  OwnershipService,
  OwnershipRequestOptions,
} from './ownership/OwnershipService';
export type {
  RunbooksService,
  RunbooksRequestOptions,
} from './runbooks/RunbooksService';
export {
  postmortemConditions,
  createPostmortemConditionalDecision,
  postmortemPermissionRules,
  postmortemPermissionResourceRef,
} from './postmortems/postmortemPermissionRules';
export type {
  PostmortemPermissionQuery,
  PostmortemResource,
  PostmortemRestrictedEntity,
} from './postmortems/postmortemPermissionRules';
export type {
  PostmortemService,
  PostmortemRequestOptions,
} from './postmortems/PostmortemService';
export {
  CATALOG_ENTITY_RESOURCE_TYPE,
  catalogEntityConditions,
  restrictedEntityConditions,
} from './policy/catalogEntityConditions';
export type { CatalogEntityCondition } from './policy/catalogEntityConditions';
export {
  restrictedEntityDecision,
  restrictedEntityReadDecision,
} from './policy/restrictedEntityDecision';
export { srePostmortemDecision } from './policy/srePostmortemDecision';
export { sloPushDecision } from './policy/sloPushDecision';
export { sloDeadLetterDecision } from './policy/sloDeadLetterDecision';
export { createSrePermissionPolicy } from './policy/createSrePermissionPolicy';
export type { SrePermissionPolicyOptions } from './policy/createSrePermissionPolicy';
export {
  sloConditions,
  createSloConditionalDecision,
  sloPermissionRules,
  sloPermissionResourceRef,
} from './slos/sloPermissionRules';
export type {
  SloPermissionQuery,
  SloPermissionResource,
} from './slos/sloPermissionRules';
