/**
 * The SRE Catalog module for `@backstage/plugin-search-backend`: indexes
 * published postmortems and runbooks with their service and team.
 *
 * @packageDocumentation
 */

export { searchModuleSre as default } from './module';
export { SreCollatorFactory } from './collators/SreCollatorFactory';
export type { SreCollatorFactoryOptions } from './collators/SreCollatorFactory';
export { SrePostmortemCollatorFactory } from './collators/SrePostmortemCollatorFactory';
export type { SrePostmortemCollatorFactoryOptions } from './collators/SrePostmortemCollatorFactory';
export { SreRunbookCollatorFactory } from './collators/SreRunbookCollatorFactory';
export type { SreRunbookCollatorFactoryOptions } from './collators/SreRunbookCollatorFactory';
export type { SrePostmortemDocument, SreRunbookDocument } from './types';
