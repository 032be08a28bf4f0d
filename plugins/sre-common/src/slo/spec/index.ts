export * from './annotations';
export { validateOpenSloSlo } from './validateOpenSlo';
export type {
  ValidateOpenSloSloContext,
  ValidateOpenSloSloResult,
} from './validateOpenSlo';
export { convertSloth } from './convertSloth';
export type {
  ConvertSlothOptions,
  ConvertSloDocumentResult,
} from './convertSloth';
export { convertPyrra } from './convertPyrra';
export type { ConvertPyrraOptions } from './convertPyrra';
export { SUPPORTED_METRIC_SOURCES } from './readIndicator';
