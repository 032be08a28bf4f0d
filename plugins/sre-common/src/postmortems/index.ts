export * from './constants';
export * from './types';
export { requiresPostmortem, evaluatePostmortemPolicy } from './policy';
export type { PostmortemRequirement } from './policy';
export {
  isHttpUrl,
  isIsoDate,
  isIsoDateTime,
  validatePostmortemRules,
  POSTMORTEM_CLOCK_SKEW_MS,
} from './rules';
export type { PostmortemProblem, PostmortemRulesInput } from './rules';
export {
  createPostmortemRequestSchema,
  updatePostmortemRequestSchema,
} from './postmortemRequestSchema';
export { checkPostmortemRequest } from './checkPostmortemRequest';
export type {
  CheckPostmortemRequestOptions,
  CheckPostmortemRequestResult,
  ParsedPostmortemRequest,
  PostmortemRequestProblem,
} from './checkPostmortemRequest';
