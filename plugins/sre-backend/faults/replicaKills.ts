/**
 * Scenario A's fault: SIGKILL of one replica's whole process group, then a
 * restart while the other replica keeps taking pushes. The first round kills it
 * while it applies the queue of accepted pushes (the replica is seen holding the
 * applier's lock); odd rounds from the third on, once evaluation has recovered
 * from the last kill, kill the replica that is running the evaluation, its
 * scheduler ticket held (held back at its run record, see
 * FaultDatabase.holdRunRecords); even rounds right after it answered 202 to a
 * large batch (other pushes to it still in flight).
 */
import { Replica } from './replicas';
import { FaultContext, FaultInjector, KillMoment } from './faultScenario';
import { sleep } from './seededRandom';

/** How long a round waits for its moment before it kills anyway. */
const MOMENT_TIMEOUT_MS = 20_000;
/** An evaluation runs every interval, unless a dead run still holds the task. */
const EVALUATION_MOMENT_TIMEOUT_MS = 90_000;

export function replicaKills(rounds: number): FaultInjector {
  return {
    rounds,
    async inject(ctx: FaultContext, round: number) {
      await sleep(ctx.rng.int(4_000, 10_000));
      let victim = ctx.rng.pick(ctx.replicas.filter(r => r.alive));
      let moment: string;
      let kind: KillMoment;
      let release: (() => Promise<void>) | undefined;
      if (round === 1) {
        kind = 'apply';
        const deadline = Date.now() + MOMENT_TIMEOUT_MS;
        let applying = false;
        while (!applying && Date.now() < deadline) {
          const holders = await ctx.db
            .applyLockHolders()
            .catch((): string[] => []);
          applying = holders.includes(victim.applicationName);
          if (!applying) await sleep(5);
        }
        moment = applying
          ? 'while it held the SLI apply lock'
          : `after ${MOMENT_TIMEOUT_MS / 1000} s without seeing it apply`;
      } else if (round % 2 === 0) {
        kind = 'batch';
        const large = await ctx.acceptedBatch(victim, 200, MOMENT_TIMEOUT_MS);
        moment = large
          ? 'right after it answered 202 to a batch of 200+ buckets'
          : `after ${MOMENT_TIMEOUT_MS / 1000} s without a large batch to it`;
      } else {
        kind = 'evaluation';
        const runner = await evaluationRunner(ctx);
        if (runner) {
          victim = runner.replica;
          moment = 'while it ran the evaluation (ticket held)';
        } else {
          moment = `after ${
            EVALUATION_MOMENT_TIMEOUT_MS / 1000
          } s without an evaluation run`;
        }
        release = runner?.release;
      }
      const atMs = Date.now();
      try {
        await victim.kill();
      } finally {
        // The survivor's runs may record again.
        await release?.();
      }
      ctx.kills.push({ round, atMs, victim: victim.name, moment: kind });
      await sleep(ctx.rng.int(1_000, 4_000));
      const readyMs = await victim.start();
      return `kill ${round}: replica ${
        victim.name
      } SIGKILLed ${moment}; restarted, ready after ${(readyMs / 1000).toFixed(
        0,
      )} s`;
    },
  };
}

/**
 * Holds back run records until a replica's evaluation run waits at its record;
 * that replica, and the release of the hold (to call once it is killed).
 */
async function evaluationRunner(
  ctx: FaultContext,
): Promise<{ replica: Replica; release(): Promise<void> } | undefined> {
  // One dead run at a time: first let evaluation recover from the last kill.
  const lastKill = ctx.kills[ctx.kills.length - 1]?.atMs ?? 0;
  const recovered = Date.now() + ctx.stallBoundMs;
  while (
    Date.now() < recovered &&
    !(await ctx.db.evaluatedSince(lastKill).catch(() => false))
  ) {
    await sleep(500);
  }
  const hold = await ctx.db.holdRunRecords();
  const deadline = Date.now() + EVALUATION_MOMENT_TIMEOUT_MS;
  try {
    while (Date.now() < deadline) {
      const waiting = await hold.waiting().catch((): string[] => []);
      const replica = ctx.replicas.find(
        r => r.alive && waiting.includes(r.applicationName),
      );
      if (replica) return { replica, release: () => hold.release() };
      await sleep(20);
    }
  } catch (error) {
    await hold.release();
    throw error;
  }
  await hold.release();
  return undefined;
}
