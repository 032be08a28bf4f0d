/**
 * Isomorphic types, annotation keys and pure logic of the SRE Catalog.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './ownership';
export * from './offerings';
export * from './slo';
export * from './permissions';
export * from './postmortems';
export * from './runbooks';
export * from './search';
export { entityRefIn } from './entityRefs';
export * from './client';
