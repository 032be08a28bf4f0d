import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { sloDefinition } from '../../__testUtils__/sloDefinition';
import { RegisteredSlo } from '../CatalogSloRegistry';
import { builtinEvaluator } from '../__testUtils__/builtinEvaluator';
import { redactRunError } from './redactRunError';
import { readEvaluationIntervalMs } from '../evaluationInterval';
import { SreDatabase } from '../../database/SreDatabase';

const NOW = Date.UTC(2026, 11, 2, 12);
const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('SloEvaluator runs on %s', id => {
  async function setup() {
    const knex = await databases.init(id);
    const database = mockServices.database({ knex });
    const sliStore = (await SreDatabase.create({ database })).sliStore();
    const statusStore = (await SreDatabase.create({ database })).statusStore();
    let slos: RegisteredSlo[] = [];
    const { evaluator, fail } = builtinEvaluator(
      { sliStore, statusStore },
      () => slos,
    );
    return {
      evaluator,
      statusStore,
      fail,
      register: (registered: RegisteredSlo[]) => {
        slos = registered;
      },
    };
  }

  /** A clock that moves by `stepMs` each time it is read. */
  const ticking = (startMs: number, stepMs: number) => {
    let t = startMs - stepMs;
    return () => (t += stepMs);
  };

  it('stores the slice window in the statuses of SLOs that budget by time slices', async () => {
    const { evaluator, statusStore, register } = await setup();
    const sliced = sloDefinition('good-minutes', {
      budgetingMethod: 'Timeslices',
      timeSliceTarget: 0.99,
      timeSliceWindowMs: 5 * 60_000,
    });
    const events = sloDefinition('availability');
    register([{ definition: sliced }, { definition: events }]);
    await evaluator.evaluateAndRecord(ticking(NOW, 250));
    expect((await statusStore.getStatus(sliced.ref))?.timeSliceWindow).toBe(
      '5m',
    );
    expect(await statusStore.getStatus(events.ref)).not.toHaveProperty(
      'timeSliceWindow',
    );
  });

  it('records each run: the last one with its error, and the last success', async () => {
    const { evaluator, statusStore, fail } = await setup();
    expect(await statusStore.getEvaluatorRuns()).toEqual({});

    await evaluator.evaluateAndRecord(ticking(NOW, 250));
    const success = { startedAtMs: NOW, durationMs: 250 };
    expect(await statusStore.getEvaluatorRuns()).toEqual({
      last: success,
      lastSuccess: success,
    });

    fail(new Error('Catalog unreachable for component:default/secret-api'));
    await expect(
      evaluator.evaluateAndRecord(ticking(NOW + 30_000, 1_000)),
    ).rejects.toThrow('Catalog unreachable');
    expect(await statusStore.getEvaluatorRuns()).toEqual({
      last: {
        startedAtMs: NOW + 30_000,
        durationMs: 1_000,
        // The entity ref may be hidden from whoever reads the health.
        error: 'Catalog unreachable for <entity>',
      },
      lastSuccess: success,
    });

    fail(undefined);
    await evaluator.evaluateAndRecord(ticking(NOW + 60_000, 10));
    const next = { startedAtMs: NOW + 60_000, durationMs: 10 };
    expect(await statusStore.getEvaluatorRuns()).toEqual({
      last: next,
      lastSuccess: next,
    });
  });

  it('creates its table on up and drops only it on down', async () => {
    const knex = await databases.init(id);
    const directory = resolvePackagePath(
      '@sre-catalog/backstage-plugin-sre-backend',
      'migrations',
    );
    const name = '20261202130000_sre_evaluator_runs.js';
    await knex.migrate.latest({ directory });
    expect(await knex.schema.hasTable('sre_slo_evaluator_runs')).toBe(true);
    await knex.migrate.down({ directory, name });
    expect(await knex.schema.hasTable('sre_slo_evaluator_runs')).toBe(false);
    expect(await knex.schema.hasTable('sre_slo_status')).toBe(true);
    await knex.migrate.up({ directory, name });
    const store = (
      await SreDatabase.create({
        database: mockServices.database({ knex, migrations: { skip: true } }),
      })
    ).statusStore();
    await store.recordEvaluatorRun({ startedAtMs: NOW, durationMs: 1 });
    expect((await store.getEvaluatorRuns()).lastSuccess).toEqual({
      startedAtMs: NOW,
      durationMs: 1,
    });
  });

  it('keeps the run that started last when an older one ends later', async () => {
    const { statusStore } = await setup();
    await statusStore.recordEvaluatorRun({
      startedAtMs: NOW + 30_000,
      durationMs: 5,
    });
    await statusStore.recordEvaluatorRun({
      startedAtMs: NOW,
      durationMs: 40_000,
      error: 'timed out',
    });
    const runs = await statusStore.getEvaluatorRuns();
    expect(runs.last).toEqual({ startedAtMs: NOW + 30_000, durationMs: 5 });
    expect(runs.lastSuccess).toEqual(runs.last);
  });
});

describe('redactRunError', () => {
  it('keeps the database message of a knex error, not the statement and its values', () => {
    expect(
      redactRunError(
        new Error(
          `insert into \`sre_slo_status\` (\`status\`) values ('{"displayName":"Secret"}') - SQLITE_BUSY: database is locked`,
        ),
      ),
    ).toBe('Database error: SQLITE_BUSY: database is locked');
  });

  it('leaves out URLs', () => {
    expect(redactRunError(new Error('fetch https://x:y@host/api failed'))).toBe(
      'fetch <url> failed',
    );
  });
});

describe('readEvaluationIntervalMs', () => {
  it('reads sre.evaluation.frequency, 30 s by default', () => {
    expect(readEvaluationIntervalMs(new ConfigReader({}))).toBe(30_000);
    expect(
      readEvaluationIntervalMs(
        new ConfigReader({ sre: { evaluation: { frequency: '2m' } } }),
      ),
    ).toBe(120_000);
    expect(
      readEvaluationIntervalMs(
        new ConfigReader({
          sre: { evaluation: { frequency: { seconds: 45 } } },
        }),
      ),
    ).toBe(45_000);
  });

  it('refuses what is no duration, naming the key', () => {
    expect(() =>
      readEvaluationIntervalMs(
        new ConfigReader({ sre: { evaluation: { frequency: 'often' } } }),
      ),
    ).toThrow(/^Invalid config sre\.evaluation\.frequency: .*such as 30s/);
    expect(() =>
      readEvaluationIntervalMs(
        new ConfigReader({ sre: { evaluation: { frequency: '0s' } } }),
      ),
    ).toThrow('at least 1 second');
  });
});
