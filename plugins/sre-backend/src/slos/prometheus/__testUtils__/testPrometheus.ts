import {
  StartedPrometheus,
  startPrometheus,
} from '../../../__testUtils__/prometheus/startPrometheus';
import {
  PrometheusSourceConfig,
  PrometheusSources,
} from '../readPrometheusSources';

/** A real Prometheus that the tests of one describe block read. */
export type TestPrometheus = {
  /** The running server (from the block's setup on). */
  server(): StartedPrometheus;
  /** One source, `local`, the default: this Prometheus. */
  localSources(
    limits?: Pick<PrometheusSourceConfig, 'timeoutMs' | 'deadlineMs'>,
  ): PrometheusSources;
};

/**
 * Starts a real Prometheus on the OpenMetrics text `openMetrics()` gives before
 * the tests of the enclosing describe block (within `setupTimeoutMs`), and stops
 * it after them.
 */
export function prometheusForTests(
  openMetrics: () => string,
  options: { setupTimeoutMs: number; readyTimeoutMs?: number },
): TestPrometheus {
  let started: StartedPrometheus | undefined;
  beforeAll(async () => {
    started = await startPrometheus({
      openMetrics: openMetrics(),
      readyTimeoutMs: options.readyTimeoutMs,
    });
  }, options.setupTimeoutMs);
  afterAll(async () => {
    await started?.stop();
  });
  const server = () => {
    if (!started) throw new Error('The test Prometheus has not started');
    return started;
  };
  return {
    server,
    localSources: (limits = { timeoutMs: 10_000 }) => ({
      sources: [
        { name: 'local', baseUrl: server().baseUrl, headers: {}, ...limits },
      ],
      defaultName: 'local',
    }),
  };
}
