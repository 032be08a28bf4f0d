export { PrometheusSliSource } from './PrometheusSliSource';
export type {
  FetchWindowsResult,
  PrometheusSliSourceOptions,
  PrometheusSloResult,
} from './PrometheusSliSource';
export type {
  PrometheusSloFailure,
  PrometheusSourceResult,
} from './PrometheusSloResult';
export { PrometheusWindowSliData } from './PrometheusWindowSliData';
export { PrometheusClient, PrometheusQueryError } from './PrometheusClient';
export type { PrometheusSample } from './PrometheusClient';
export { readPrometheusSources } from './readPrometheusSources';
export type {
  PrometheusSourceConfig,
  PrometheusSources,
} from './readPrometheusSources';
