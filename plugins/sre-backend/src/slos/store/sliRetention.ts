import { Knex } from 'knex';

/** See SliStore.prune: drops fine buckets and rollups older than their tiers keep. */
export async function pruneSli(
  db: Knex,
  options: { minutesBeforeMs: number; hoursBeforeMs: number },
): Promise<void> {
  // What is still pending is pruned by a later run, once applied.
  await db('sre_sli_minutes')
    .where('bucket_start', '<', options.minutesBeforeMs)
    .delete();
  await db('sre_sli_hours')
    .where('bucket_start', '<', options.hoursBeforeMs)
    .delete();
  // Every reader has re-read these long before.
  await db('sre_sli_resets')
    .where('written_at', '<', options.minutesBeforeMs)
    .delete();
}
