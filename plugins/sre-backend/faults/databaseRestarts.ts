/**
 * Scenario B's fault: an immediate restart of the shared PostgreSQL server
 * (pg_ctl restart -m immediate: what a database crash looks like to its clients)
 * while the replicas take pushes. Odd rounds restart it while a replica applies
 * the queue (holds the applier's lock), even rounds at a random moment. Other
 * users of the shared server see the same brief outage.
 */
import { FaultContext, FaultInjector } from './faultScenario';
import { isServerRunning, restartServerImmediately } from './postgresServer';
import { sleep } from './seededRandom';

const MOMENT_TIMEOUT_MS = 20_000;

export function databaseRestarts(rounds: number): FaultInjector {
  return {
    rounds,
    async inject(ctx: FaultContext, round: number) {
      await sleep(ctx.rng.int(6_000, 12_000));
      let holders: string[] = [];
      if (round % 2 === 1) {
        const deadline = Date.now() + MOMENT_TIMEOUT_MS;
        while (Date.now() < deadline && !holders.length) {
          holders = await ctx.db.applyLockHolders().catch((): string[] => []);
          if (!holders.length) await sleep(5);
        }
      }
      const took = await restartServerImmediately();
      if (!(await isServerRunning())) {
        throw new Error('PostgreSQL is not running after pg_ctl restart');
      }
      await ctx.db.rows('SELECT 1');
      // Replicas that did not survive the outage are restarted (and reported).
      await sleep(3_000);
      const down = ctx.replicas.filter(r => !r.alive);
      for (const r of down) await r.start();
      let moment = 'at a random moment';
      if (holders.length) {
        moment = `while replica ${holders.join(', ')} held the SLI apply lock`;
      } else if (round % 2 === 1) moment = '(no replica seen applying)';
      return `restart ${round}: pg_ctl restart -m immediate ${moment}; back after ${(
        took / 1000
      ).toFixed(1)} s${
        down.length
          ? `; replicas that exited and were restarted: ${down
              .map(r => r.name)
              .join(', ')}`
          : ''
      }`;
    },
  };
}
