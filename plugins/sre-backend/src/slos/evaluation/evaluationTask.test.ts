import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { CatalogSloRegistry } from '../CatalogSloRegistry';
import { SliStore } from '../store/SliStore';
import { SloEvaluator } from './SloEvaluator';
import { SloStatusStore } from '../status/SloStatusStore';
import {
  MIN_TIMEOUT_MS,
  evaluationRunSignal,
  evaluationTaskTiming,
  isCatchUpRun,
  scheduleSloEvaluation,
} from './evaluationTask';
import { PrometheusSliSource } from '../prometheus';

/** A cold first run at 10,000 SLOs on a loaded 2-core machine. */
const SLOW_COLD_START_MS = 15_000;

describe('evaluationTaskTiming', () => {
  it('lets a run hold the lock for three intervals, never less than a minute', () => {
    expect(evaluationTaskTiming(30_000)).toEqual({
      intervalMs: 30_000,
      timeoutMs: 90_000,
      saveDeadlineMs: 60_000,
      applyIntervalMs: 5_000,
      // 30 s + 5 s work check + 90 s + 60 s janitor + 5 s work check
      worstStallMs: 190_000,
    });
    expect(evaluationTaskTiming(5_000)).toMatchObject({
      timeoutMs: MIN_TIMEOUT_MS,
      saveDeadlineMs: 40_000,
      applyIntervalMs: 5_000,
      worstStallMs: 135_000,
    });
    expect(evaluationTaskTiming(1_000)).toMatchObject({
      timeoutMs: 60_000,
      applyIntervalMs: 1_000,
      worstStallMs: 123_000,
    });
    expect(evaluationTaskTiming(10 * 60_000)).toMatchObject({
      timeoutMs: 30 * 60_000,
      saveDeadlineMs: 20 * 60_000,
      applyIntervalMs: 5_000,
    });
  });

  it.each([1_000, 5_000, 15_000, 30_000, 60_000, 300_000, 3_600_000])(
    'at an interval of %i ms a slow cold start saves, and the saves end before the lock expires',
    intervalMs => {
      const t = evaluationTaskTiming(intervalMs);
      expect(t.saveDeadlineMs).toBeGreaterThanOrEqual(2 * SLOW_COLD_START_MS);
      // Saving 10,000 statuses takes about 0.3 s; leave far more.
      expect(t.timeoutMs - t.saveDeadlineMs).toBeGreaterThanOrEqual(20_000);
      expect(t.applyIntervalMs).toBeLessThanOrEqual(intervalMs);
      expect(t.worstStallMs).toBeGreaterThan(t.timeoutMs + 60_000);
    },
  );
});

describe('isCatchUpRun', () => {
  it('is a run due less than half an interval after the last one started', () => {
    expect(isCatchUpRun(undefined, 100_000, 30_000)).toBe(false);
    expect(isCatchUpRun(90_000, 100_000, 30_000)).toBe(true);
    expect(isCatchUpRun(85_001, 100_000, 30_000)).toBe(true);
    expect(isCatchUpRun(85_000, 100_000, 30_000)).toBe(false);
    expect(isCatchUpRun(70_000, 100_000, 30_000)).toBe(false);
  });
});

describe('evaluationRunSignal', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('aborts at the save deadline, saying why', () => {
    const run = evaluationRunSignal(new AbortController().signal, 40_000);
    jest.advanceTimersByTime(39_999);
    expect(run.signal.aborted).toBe(false);
    jest.advanceTimersByTime(1);
    expect(run.signal.aborted).toBe(true);
    expect(() => run.signal.throwIfAborted()).toThrow(
      /stopped before saving: it had not finished computing 40 s after it started/,
    );
    run.dispose();
  });

  it('aborts when the scheduler takes the run back, and at once if it already has', () => {
    const scheduler = new AbortController();
    const run = evaluationRunSignal(scheduler.signal, 40_000);
    scheduler.abort();
    expect(() => run.signal.throwIfAborted()).toThrow(
      /the scheduler took the run back/,
    );
    run.dispose();

    const early = evaluationRunSignal(scheduler.signal, 40_000);
    expect(early.signal.aborted).toBe(true);
    early.dispose();
  });

  it('fires nothing once disposed', () => {
    const scheduler = new AbortController();
    const run = evaluationRunSignal(scheduler.signal, 40_000);
    run.dispose();
    scheduler.abort();
    jest.advanceTimersByTime(60_000);
    expect(run.signal.aborted).toBe(false);
  });
});

describe('scheduleSloEvaluation', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function fakes(onLoad: () => void = () => {}) {
    const sliStore = {
      applyPending: jest.fn(async () => ({
        pushes: 0,
        buckets: 0,
        replaced: 0,
        deadLettered: 0,
      })),
      prune: jest.fn(async () => {}),
    };
    const statusStore = {
      saveStatuses: jest.fn(async () => ({ statusRows: 0, historyRows: 0 })),
      removeStatusesExcept: jest.fn(async () => {}),
      clearProblems: jest.fn(async () => {}),
      setProblems: jest.fn(async () => {}),
      recordEvaluatorRun: jest.fn(async () => {}),
      getEvaluatorRuns: jest.fn(
        async (): Promise<{
          last?: { startedAtMs: number; durationMs: number };
        }> => ({}),
      ),
    };
    const registry = {
      load: jest.fn(async () => {
        onLoad();
        return { slos: [], invalid: [] };
      }),
    };
    const evaluator = new SloEvaluator(
      registry as unknown as CatalogSloRegistry,
      sliStore as unknown as SliStore,
      statusStore as unknown as SloStatusStore,
      {} as PrometheusSliSource,
      mockServices.logger.mock(),
    );
    return { sliStore, statusStore, registry, evaluator };
  }

  async function schedule(
    evaluator: SloEvaluator,
    sliStore: SliStore,
    statusStore: Pick<SloStatusStore, 'getEvaluatorRuns'>,
  ) {
    const scheduler = mockServices.scheduler.mock();
    const logger = mockServices.logger.mock();
    await scheduleSloEvaluation({
      scheduler,
      evaluator,
      sliStore,
      statusStore,
      intervalMs: 30_000,
      logger,
    });
    const tasks = new Map(
      scheduler.scheduleTask.mock.calls.map(([task]) => [
        task.id,
        task as SchedulerServiceTaskScheduleDefinition & {
          fn: (signal: AbortSignal) => Promise<void>;
        },
      ]),
    );
    return { tasks, logger };
  }

  it('runs the evaluation on one replica with a timeout of three intervals, and applying on every replica', async () => {
    const { sliStore, statusStore, evaluator } = fakes();
    const { tasks } = await schedule(
      evaluator,
      sliStore as unknown as SliStore,
      statusStore,
    );
    expect(tasks.get('sre-slo-evaluation')).toMatchObject({
      scope: 'global',
      frequency: { milliseconds: 30_000 },
      timeout: { milliseconds: 90_000 },
    });
    expect(tasks.get('sre-sli-apply')).toMatchObject({
      scope: 'local',
      frequency: { milliseconds: 5_000 },
    });
  });

  it('saves a run that finishes in time', async () => {
    const { sliStore, statusStore, evaluator } = fakes();
    const { tasks } = await schedule(
      evaluator,
      sliStore as unknown as SliStore,
      statusStore,
    );
    await tasks.get('sre-slo-evaluation')!.fn(new AbortController().signal);
    expect(statusStore.saveStatuses).toHaveBeenCalledTimes(1);
    // Reads what is applied: applying is the other task's.
    expect(sliStore.applyPending).not.toHaveBeenCalled();
    expect(sliStore.prune).toHaveBeenCalledTimes(1);
    expect(statusStore.recordEvaluatorRun).toHaveBeenCalledWith(
      expect.not.objectContaining({ error: expect.anything() }),
    );
  });

  it('stops a run that passes its save deadline before it saves anything, and records why', async () => {
    const { sliStore, statusStore, evaluator } = fakes(() =>
      // Computing takes longer than the 60 s the run may take before saving.
      jest.advanceTimersByTime(60_000),
    );
    const { tasks } = await schedule(
      evaluator,
      sliStore as unknown as SliStore,
      statusStore,
    );
    await expect(
      tasks.get('sre-slo-evaluation')!.fn(new AbortController().signal),
    ).rejects.toThrow(/stopped before saving/);
    expect(statusStore.saveStatuses).not.toHaveBeenCalled();
    expect(statusStore.clearProblems).not.toHaveBeenCalled();
    expect(statusStore.setProblems).not.toHaveBeenCalled();
    expect(sliStore.prune).not.toHaveBeenCalled();
    expect(statusStore.recordEvaluatorRun).toHaveBeenCalledWith(
      expect.objectContaining({
        error: expect.stringMatching(/stopped before saving/),
      }),
    );
  });

  it('skips a run that the scheduler starts right after the last one (catching up after a dead run)', async () => {
    const { sliStore, statusStore, registry, evaluator } = fakes();
    const { tasks } = await schedule(
      evaluator,
      sliStore as unknown as SliStore,
      statusStore,
    );
    const fn = tasks.get('sre-slo-evaluation')!.fn;
    statusStore.getEvaluatorRuns.mockResolvedValue({
      last: { startedAtMs: Date.now() - 2_000, durationMs: 1_000 },
    });
    await fn(new AbortController().signal);
    expect(registry.load).not.toHaveBeenCalled();
    expect(statusStore.recordEvaluatorRun).not.toHaveBeenCalled();

    statusStore.getEvaluatorRuns.mockResolvedValue({
      last: { startedAtMs: Date.now() - 30_000, durationMs: 1_000 },
    });
    await fn(new AbortController().signal);
    expect(registry.load).toHaveBeenCalledTimes(1);
    expect(statusStore.saveStatuses).toHaveBeenCalledTimes(1);
  });

  it('stops a run whose lock the scheduler took back, before it computes', async () => {
    const { sliStore, statusStore, registry, evaluator } = fakes();
    const { tasks } = await schedule(
      evaluator,
      sliStore as unknown as SliStore,
      statusStore,
    );
    const scheduler = new AbortController();
    scheduler.abort();
    await expect(
      tasks.get('sre-slo-evaluation')!.fn(scheduler.signal),
    ).rejects.toThrow(/the scheduler took the run back/);
    expect(registry.load).not.toHaveBeenCalled();
    expect(statusStore.saveStatuses).not.toHaveBeenCalled();
  });

  it('applies the queue on its own, and says once that it fails and once that it works again', async () => {
    const { sliStore, statusStore, evaluator } = fakes();
    const { tasks, logger } = await schedule(
      evaluator,
      sliStore as unknown as SliStore,
      statusStore,
    );
    const apply = tasks.get('sre-sli-apply')!.fn;
    const signal = new AbortController().signal;
    await apply(signal);
    expect(sliStore.applyPending).toHaveBeenCalledTimes(1);

    sliStore.applyPending.mockRejectedValue(new Error('connection refused'));
    await apply(signal);
    await apply(signal);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/stay queued.*connection refused/),
    );

    sliStore.applyPending.mockResolvedValue({
      pushes: 1,
      buckets: 1,
      replaced: 0,
      deadLettered: 0,
    });
    await apply(signal);
    expect(logger.info).toHaveBeenCalledTimes(1);
    expect(sliStore.applyPending).toHaveBeenCalledTimes(4);
  });
});
