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
