// @ts-check

/**
 * Pushed SLI buckets waiting to be applied: a push is one appended row, so that a
 * tick of 10,000 SLOs costs about one insert on the request path. The evaluator
 * (and any read) applies the rows in id order to the minutes and hourly rollups.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sre_sli_pending', table => {
    table.comment(
      'Pushes of SLI buckets accepted but not yet applied to sre_sli_minutes and sre_sli_hours',
    );
    table.bigIncrements('id').primary();
    table
      .text('entries', 'longtext')
      .notNullable()
      .comment(
        'JSON: [[sloRef, sliceMs | null, sliceTarget | null, [start, seconds, good, total, ...]], ...]',
      );
    table.integer('buckets').notNullable();
    table.bigInteger('received_at').notNullable().comment('Epoch milliseconds');
  });
};

/**
 * Pushes not yet applied are lost on the way down.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('sre_sli_pending');
};
