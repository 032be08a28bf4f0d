export { SreAnnotationsHelp } from './SreAnnotationsHelp';
export type { SreAnnotationsHelpProps } from './SreAnnotationsHelp';
