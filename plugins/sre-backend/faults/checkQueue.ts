/** After the drain: no push pending, none a dead letter, no bucket size reset. */
import { CheckResult, capped } from './checkResult';
import { FaultDatabase } from './faultDatabase';

/** The queue must be empty and no accepted push may have become a dead letter. */
export async function checkQueue(db: FaultDatabase): Promise<CheckResult> {
  const mismatches: string[] = [];
  const notes: string[] = [];
  const pending = await db.pendingPushes();
  if (pending)
    mismatches.push(`QUEUE ${pending} pushes still pending after the drain`);
  if (await db.tableExists('sre', 'sre_sli_dead_letters')) {
    const letters = await db.rows<{
      id: string;
      error: string;
      buckets: number;
    }>(`SELECT id, error, buckets FROM sre.sre_sli_dead_letters ORDER BY id`);
    for (const l of letters) {
      mismatches.push(
        `DEAD LETTER #${l.id} (${l.buckets} buckets of 202'd pushes not applied): ${l.error}`,
      );
    }
    notes.push(`${letters.length} dead letters`);
  } else {
    notes.push('no dead-letter table in this tree');
  }
  const [resets] = await db.rows<{ n: string }>(
    `SELECT COUNT(*) AS n FROM sre.sre_sli_resets`,
  );
  if (Number(resets.n)) {
    mismatches.push(
      `RESETS ${resets.n} SLOs marked as having buckets replaced by another size, but every push used 60s buckets`,
    );
  }
  return { mismatches: capped(mismatches), notes };
}
