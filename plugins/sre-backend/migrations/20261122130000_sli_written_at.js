// @ts-check

/**
 * When each SLI row was last written, so that an evaluator's in-memory rollups (on
 * any replica) can pick up new and replaced rows by reading only rows written since
 * its last look, instead of reading all rows again. And whether an hourly rollup is
 * an hourly bucket as sent (backfill), which minutes sent later for that hour
 * replace, or the sum of its stored minutes, which a tick updates by its delta.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  for (const table of ['sre_sli_minutes', 'sre_sli_hours']) {
    await knex.schema.alterTable(table, t => {
      t.bigInteger('written_at')
        .notNullable()
        .defaultTo(0)
        .comment('Epoch milliseconds of the last write of the row');
      t.index(['written_at'], `${table}_written_at_idx`);
    });
  }
  await knex.schema.alterTable('sre_sli_hours', t => {
    t.boolean('backfilled')
      .notNullable()
      .defaultTo(false)
      .comment('An hourly bucket as sent, not the sum of stored minutes');
  });
  // An hour without stored minutes was sent as an hourly bucket (or its minutes
  // are pruned, where replacing it by newer minutes is what a re-sum did too).
  await knex('sre_sli_hours')
    .whereNotExists(
      knex('sre_sli_minutes')
        .select(knex.raw('1'))
        .whereRaw('sre_sli_minutes.slo_ref = sre_sli_hours.slo_ref')
        .andWhereRaw(
          'sre_sli_minutes.bucket_start >= sre_sli_hours.bucket_start',
        )
        .andWhereRaw(
          'sre_sli_minutes.bucket_start < sre_sli_hours.bucket_start + 3600000',
        ),
    )
    .update({ backfilled: true });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('sre_sli_hours', t => {
    t.dropColumn('backfilled');
  });
  for (const table of ['sre_sli_minutes', 'sre_sli_hours']) {
    await knex.schema.alterTable(table, t => {
      t.dropIndex(['written_at'], `${table}_written_at_idx`);
      t.dropColumn('written_at');
    });
  }
};
