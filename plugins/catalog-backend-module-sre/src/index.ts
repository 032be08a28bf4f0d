/**
 * Catalog module of the SRE Catalog: SRE support relations, OpenSLO entities
 * (with Sloth and Pyrra files read as OpenSLO) and platform offerings.
 *
 * @packageDocumentation
 */

export { catalogModuleSre as default } from './module';
export { SreOwnershipProcessor } from './processors/SreOwnershipProcessor';
export {
  SloEntityProcessor,
  SloSpecError,
} from './processors/SloEntityProcessor';
export { SreOfferingProcessor } from './processors/SreOfferingProcessor';
export { createSloDocumentParser } from './parsers/sloDocumentParser';
