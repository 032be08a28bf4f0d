export { sreApiRef } from './SreApi';
export type { SreApi } from './SreApi';
export { SreClient } from './SreClient';
export type { SreClientOptions } from './SreClient';
