export { PrometheusSliSource } from './PrometheusSliSource';
export type {
  FetchWindowsResult,
  PrometheusSliSourceOptions,
  PrometheusSloFailure,
  PrometheusSloResult,
  PrometheusSourceResult,
} from './PrometheusSliSource';
export { PrometheusWindowSliData } from './PrometheusWindowSliData';
export { PrometheusClient, PrometheusQueryError } from './PrometheusClient';
export type { PrometheusSample } from './PrometheusClient';
export { readPrometheusSources } from './readPrometheusSources';
export type {
  PrometheusSourceConfig,
  PrometheusSources,
} from './readPrometheusSources';
