export { sreIncidentsApiRef } from './SreIncidentsApi';
export type {
  SreIncidentsApi,
  ListRequiredPostmortemsRequest,
} from './SreIncidentsApi';
export { SreIncidentsClient } from './SreIncidentsClient';
export type { SreIncidentsClientOptions } from './SreIncidentsClient';
