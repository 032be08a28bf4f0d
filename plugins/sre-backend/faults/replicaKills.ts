/**
 * Scenario A's fault: SIGKILL of one replica's whole process group, then a
 * restart while the other replica keeps taking pushes. The first round kills it
 * while it applies the queue of accepted pushes (only the evaluator's run
 * applies it: the replica is seen holding the applier's lock); even rounds right
 * after it answered 202 to a large batch (other pushes to it still in flight);
 * other rounds at a random moment.
 */
import { FaultContext, FaultInjector } from './faultScenario';
import { sleep } from './seededRandom';

/** How long a round waits for its moment before it kills anyway. */
const MOMENT_TIMEOUT_MS = 20_000;

export function replicaKills(rounds: number): FaultInjector {
  return {
    rounds,
    async inject(ctx: FaultContext, round: number) {
      await sleep(ctx.rng.int(4_000, 10_000));
      const victim = ctx.rng.pick(ctx.replicas.filter(r => r.alive));
      let moment: string;
      if (round === 1) {
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
          ? 'while it held the SLI apply lock (in its evaluation run)'
          : `after ${MOMENT_TIMEOUT_MS / 1000} s without seeing it apply`;
      } else if (round % 2 === 0) {
        const large = await ctx.acceptedBatch(victim, 200, MOMENT_TIMEOUT_MS);
        moment = large
          ? 'right after it answered 202 to a batch of 200+ buckets'
          : `after ${MOMENT_TIMEOUT_MS / 1000} s without a large batch to it`;
      } else {
        await sleep(ctx.rng.int(0, 3_000));
        moment = 'at a random moment';
      }
      await victim.kill();
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
