// @ts-check

/**
 * The SLO evaluator's last run and last successful run, so that any replica can
 * tell whether evaluation keeps up (the scheduled task runs on one replica per
 * tick). Two rows at most, one per `kind`, overwritten by each run.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sre_slo_evaluator_runs', table => {
    table.comment(
      'The last run and the last successful run of the SLO evaluator (one row each)',
    );
    table
      .string('kind', 32)
      .notNullable()
      .comment('last: the last run, whatever its outcome; last_success');
    table.primary(['kind'], 'sre_slo_evaluator_runs_pk');
    table.bigInteger('started_at').notNullable().comment('Epoch milliseconds');
    table.integer('duration_ms').notNullable();
    table
      .text('error')
      .nullable()
      .comment('Why the run failed (entity refs left out); null on success');
  });
};

/**
 * The record of past runs is lost on the way down; the next run writes it again.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('sre_slo_evaluator_runs');
};
