/**
 * Catalog module of the SRE Catalog: SRE support relations (and, later, the SLO kind).
 *
 * @packageDocumentation
 */

export { catalogModuleSre as default } from './module';
export { SreOwnershipProcessor } from './processors/SreOwnershipProcessor';
