// @ts-check

/**
 * Status rows written only when they change. Each row keeps a hash of what its
 * status says apart from when it was evaluated; an evaluation that computes the
 * same status writes nothing, and readers take its time from the evaluator's run
 * record of kind `statuses` (sre_slo_evaluator_runs): the evaluation whose
 * statuses are stored. `evaluated_at` is now when the row last changed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('sre_slo_status', table => {
    table
      .string('content_hash', 64)
      .nullable()
      .comment(
        'SHA-256 of the status without its evaluation time (and, for a rolling period, its start); null: written before hashes, rewritten at the next evaluation',
      );
    table
      .boolean('follows_evaluation')
      .notNullable()
      .defaultTo(false)
      .comment(
        'The status was computed by the evaluation that stored it: while unchanged, its evaluatedAt is that of the last stored evaluation; false for numbers kept from an earlier evaluation (a source that fails)',
      );
    table
      .boolean('rolling_period')
      .notNullable()
      .defaultTo(false)
      .comment(
        'The period trails evaluatedAt (a rolling window): periodStart moves with it',
      );
  });
  // Each evaluation reads the day's history points to write only those that
  // changed; without it PostgreSQL scans every day of every SLO.
  await knex.schema.alterTable('sre_slo_history', table => {
    table.index(['day'], 'sre_slo_history_day_idx');
  });
};

/**
 * The hashes are lost on the way down; the previous code rewrites every row at
 * each evaluation anyway. Rows left unchanged since keep the evaluation time of
 * their last change until then.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('sre_slo_history', table => {
    table.dropIndex(['day'], 'sre_slo_history_day_idx');
  });
  await knex.schema.alterTable('sre_slo_status', table => {
    table.dropColumn('rolling_period');
    table.dropColumn('follows_evaluation');
    table.dropColumn('content_hash');
  });
};
