export * from './types';
export { validateSreOffering } from './validateSreOffering';
export type { ValidateSreOfferingResult } from './validateSreOffering';
export { parseOfferingAnnotation } from './parseOfferingAnnotation';
export type { ParsedOfferingAnnotation } from './parseOfferingAnnotation';
