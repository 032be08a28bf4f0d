export { sreApiRef } from './SreApi';
export type { SreApi, ListSlosRequest } from './SreApi';
export { SreClient } from './SreClient';
export type { SreClientOptions } from './SreClient';
