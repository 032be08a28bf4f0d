/** After ingest: the replicas apply what is still queued before the checks read it. */
import { FaultDatabase } from './faultDatabase';
import { sleep } from './seededRandom';

/** Waits at most eight minutes for an empty queue; `drainedAt` is when it ended. */
export async function drainQueue(
  db: FaultDatabase,
): Promise<{ pendingAtEnd: number; drainedAt: number }> {
  // Every replica applies the queue every few seconds (sre-sli-apply); the
  // backlog left when ingest stops drains at the rate the machine applies.
  const pendingAtEnd = await db.pendingPushes();
  const drainDeadline = Date.now() + 8 * 60_000;
  while ((await db.pendingPushes()) > 0 && Date.now() < drainDeadline) {
    await sleep(500);
  }
  return { pendingAtEnd, drainedAt: Date.now() };
}
