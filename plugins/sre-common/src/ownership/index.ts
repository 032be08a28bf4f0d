export * from './types';
export * from './baseline';
export { parseSreAnnotations } from './parseSreAnnotations';
export type {
  SreAnnotations,
  ParseSreAnnotationsOptions,
} from './parseSreAnnotations';
export { resolveOwnership, referencedRefs } from './resolveOwnership';
export type { ResolveOwnershipOptions } from './resolveOwnership';
export * from './coverage';
export { readOwnershipConfig } from './readOwnershipConfig';
export type { SreOwnershipConfig } from './readOwnershipConfig';
export { engagementDaysLeft, engagementExpiry } from './engagementExpiry';
