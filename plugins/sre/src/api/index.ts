export { sreApiRef } from './SreApi';
export type {
  SreApi,
  ListSlosRequest,
  ListSliDeadLettersRequest,
} from './SreApi';
export { SreClient } from './SreClient';
export type { SreClientOptions } from './SreClient';
