/** The two backend replicas of a scenario on its database: made, started, restarted and stopped. */
import { FaultDatabase } from './faultDatabase';
import {
  FaultSlo,
  writeReplicaConfig,
  writeSharedConfig,
} from './faultOrganisation';
import { Replica } from './replicas';
import { PUSH_TOKEN } from './scenarioSettings';
import { sleep } from './seededRandom';

/** Replicas a and b on ports `port` and `port + 1`, their configs written to `dir`. */
export function createReplicas(
  dir: string,
  slos: FaultSlo[],
  evaluationSeconds: number,
  db: FaultDatabase,
  port: number,
): Replica[] {
  const shared = writeSharedConfig(dir, slos, evaluationSeconds);
  return ['a', 'b'].map(
    (r, i) =>
      new Replica(r, port + i, `faults-${r}`, [
        shared,
        writeReplicaConfig(dir, r, db.connection(`faults-${r}`)),
      ]),
  );
}

export async function startReplicas(
  replicas: Replica[],
  log: (line: string) => void,
) {
  // One after the other: replicas that migrate a fresh database at the same
  // time race on knex's migration lock table and one of them fails to start.
  const ready: number[] = [];
  for (const r of replicas) ready.push(await r.start());
  log(
    `replicas ready after ${ready
      .map(ms => `${(ms / 1000).toFixed(0)} s`)
      .join(', ')}`,
  );
}

/** The checks read every replica: one left down by the last fault starts again. */
export async function restartDownReplicas(
  replicas: Replica[],
  warnings: string[],
) {
  for (const r of replicas) {
    if (!r.alive) {
      warnings.push(
        `${r.name} was down at the end of ingest; restarted for the checks`,
      );
      await r.start();
    }
  }
}

/** Stops every replica, adding the exits nobody asked for to `warnings`. */
export async function stopReplicas(replicas: Replica[], warnings: string[]) {
  for (const r of replicas) warnings.push(...r.unexpectedExits);
  await Promise.all(replicas.map(r => r.stop()));
}

export async function waitForCatalog(replica: Replica, count: number) {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      const res = await fetch(
        `${replica.base}/api/catalog/entities/by-query?filter=kind=slo&limit=1`,
        { headers: { Authorization: `Bearer ${PUSH_TOKEN}` } },
      );
      if (res.ok && (await res.json()).totalItems >= count) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) {
      throw new Error('timed out waiting for the catalog to hold the SLOs');
    }
    await sleep(1000);
  }
}
