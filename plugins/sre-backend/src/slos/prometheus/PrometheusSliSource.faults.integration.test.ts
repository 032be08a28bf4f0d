import { mockServices } from '@backstage/backend-test-utils';
import { SloDefinition } from '@sre-catalog/backstage-plugin-sre-common';
import { DAY, MIN } from '../../__testUtils__/durations';
import {
  CounterSeries,
  describeWithPrometheus,
  toOpenMetrics,
} from '../../__testUtils__/prometheus/startPrometheus';
import { sloDefinition } from '../../__testUtils__/sloDefinition';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { CatalogSloRegistry } from '../CatalogSloRegistry';
import { SloEvaluator } from '../evaluation/SloEvaluator';
import {
  FaultMode,
  FaultProxy,
  startFaultProxy,
} from './__testUtils__/faultProxy';
import { PrometheusSliSource } from './PrometheusSliSource';
import { requestCounters } from './__testUtils__/requestCounters';
import { prometheusForTests } from './__testUtils__/testPrometheus';
import { SreDatabase } from '../../database/SreDatabase';

/*
 * A real Prometheus behind a proxy that fails on demand (down, reset, slow,
 * stalled, 5xx, JSON cut short), read by the real evaluator and status store:
 * the SLOs of the failing source keep their last numbers, marked unavailable
 * since the first failing run with the error, and come back by themselves; the
 * SLOs of the other source go on being evaluated, and a slow source holds an
 * evaluation no longer than its deadline.
 */

/** The last sample is on the minute before now; evaluations run up to it. */
const END = Math.floor(Date.now() / MIN) * MIN - MIN;
const START = END - DAY;

/** 99 good and 1 failed request a minute: an SLI of exactly 0.99. */
function counters(): CounterSeries[] {
  const { ok, errors } = requestCounters(
    { fromMs: START, toMs: END, stepMs: MIN },
    () => ({ requests: 100, failed: 1, restart: false }),
  );
  return [ok, errors];
}

function prometheusSlo(name: string, sourceName: string): SloDefinition {
  return sloDefinition(name, {
    target: 0.95,
    indicator: {
      source: {
        type: 'prometheus',
        sourceName,
        counter: true,
        good: { query: 'sre_fault_requests_total{code="200"}' },
        total: { query: 'sre_fault_requests_total' },
      },
    },
  });
}

const flaky = prometheusSlo('flaky', 'flaky');
const steady = prometheusSlo('steady', 'steady');

const TIMEOUT_MS = 1_000;
const DEADLINE_MS = 2_000;
/** Slack for the evaluation around the deadline on a busy 2-core machine. */
const SLACK_MS = 1_500;

const FAULTS: Array<[FaultMode, RegExp]> = [
  ['down', /^Prometheus source flaky cannot be reached: ECONNREFUSED$/],
  ['reset', /^Prometheus source flaky cannot be reached: \S+$/],
  ['slow', /^Prometheus source flaky did not answer within 1s$/],
  ['stall', /^Prometheus source flaky did not answer within 1s$/],
  [
    '5xx',
    /^Prometheus source flaky answered 502 Bad Gateway without an API response: <html>/,
  ],
  [
    'truncated',
    /^Prometheus source flaky answered 200 OK with JSON that does not parse \(\d+ characters; cut short\?\)$/,
  ],
];

const databases = createTestDatabases();

describeWithPrometheus(
  'Prometheus sources that fail, against a real Prometheus',
  () => {
    const prometheus = prometheusForTests(
      () =>
        toOpenMetrics([
          {
            name: 'sre_fault_requests',
            help: 'Requests by status code.',
            series: counters(),
          },
        ]),
      { setupTimeoutMs: 20_000 },
    );
    let proxy: FaultProxy;

    beforeAll(async () => {
      proxy = await startFaultProxy(prometheus.server().baseUrl);
    });

    afterAll(async () => {
      await proxy?.stop();
    });

    function createSource(flakyLimits: {
      timeoutMs: number;
      deadlineMs: number;
    }) {
      return PrometheusSliSource.create({
        sources: {
          sources: [
            {
              name: 'flaky',
              baseUrl: proxy.baseUrl,
              headers: {},
              ...flakyLimits,
            },
            {
              name: 'steady',
              baseUrl: prometheus.server().baseUrl,
              headers: {},
              timeoutMs: 10_000,
            },
          ],
          defaultName: 'steady',
        },
      });
    }

    it('marks the SLOs of a failing source unavailable since its first failure, keeps their numbers, and recovers', async () => {
      const knex = await databases.init('SQLITE_3');
      const database = mockServices.database({ knex });
      const statusStore = (
        await SreDatabase.create({ database })
      ).statusStore();
      const evaluator = new SloEvaluator(
        {
          load: async () => ({
            slos: [{ definition: flaky }, { definition: steady }],
            invalid: [],
          }),
        } as unknown as CatalogSloRegistry,
        (await SreDatabase.create({ database })).sliStore(),
        statusStore,
        createSource({ timeoutMs: TIMEOUT_MS, deadlineMs: DEADLINE_MS }),
        mockServices.logger.mock(),
      );
      let now = END - 3 * FAULTS.length * MIN;
      const evaluate = async () => {
        const started = Date.now();
        await evaluator.evaluateAll(now);
        const tookMs = Date.now() - started;
        now += MIN;
        return tookMs;
      };
      const expectHealthy = async (ref: string, atMs: number) => {
        const status = await statusStore.getStatus(ref);
        expect(status).toMatchObject({
          dataState: 'ok',
          sli: expect.closeTo(0.99, 9),
          evaluatedAt: new Date(atMs).toISOString(),
        });
        expect(status?.unavailableSince).toBeUndefined();
        expect(status?.lastError).toBeUndefined();
      };

      for (const [mode, error] of FAULTS) {
        await proxy.setMode('pass');
        const healthyAt = now;
        await evaluate();
        await expectHealthy(flaky.ref, healthyAt);
        const healthy = await statusStore.getStatus(flaky.ref);

        await proxy.setMode(mode);
        const failingSince = now;
        const took = [await evaluate(), await evaluate()];
        const lastAt = now - MIN;

        const status = await statusStore.getStatus(flaky.ref);
        expect({ mode, status }).toMatchObject({
          mode,
          status: {
            dataState: 'unavailable',
            unavailableSince: new Date(failingSince).toISOString(),
            lastError: expect.stringMatching(error),
            // The last numbers stay.
            sli: healthy!.sli,
            errorBudgetRemaining: healthy!.errorBudgetRemaining,
            burnRates: healthy!.burnRates,
            budget: healthy!.budget,
          },
        });
        expect(status!.lastError).not.toContain(proxy.baseUrl.slice(7));
        await expectHealthy(steady.ref, lastAt);
        // A failing source never holds an evaluation past its deadline.
        for (const ms of took) expect(ms).toBeLessThan(DEADLINE_MS + SLACK_MS);
      }

      await proxy.setMode('pass');
      const recoveredAt = now;
      await evaluate();
      await expectHealthy(flaky.ref, recoveredAt);
    }, 60_000);

    it('answers at the deadline of a slow source, and the other source in the same call', async () => {
      await proxy.setMode('slow');
      const source = createSource({
        timeoutMs: 30_000,
        deadlineMs: DEADLINE_MS,
      });

      const started = Date.now();
      const result = await source.fetchWindows([flaky, steady], END);
      const tookMs = Date.now() - started;

      const error =
        'Prometheus source flaky did not answer all the queries of this evaluation within its deadline of 2s';
      expect(result.sources.get('flaky')).toEqual({ ok: false, error });
      expect(result.slos.get(flaky.ref)).toMatchObject({
        ok: false,
        reason: 'source-unavailable',
        error,
      });
      expect(result.sources.get('steady')).toEqual({ ok: true });
      expect(result.slos.get(steady.ref)?.ok).toBe(true);
      expect(tookMs).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
      expect(tookMs).toBeLessThan(DEADLINE_MS + SLACK_MS);
      await proxy.setMode('pass');
    }, 20_000);
  },
);
