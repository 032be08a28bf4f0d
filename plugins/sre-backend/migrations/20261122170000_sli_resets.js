// @ts-check

/**
 * SLOs some of whose stored buckets were deleted (replaced by pushed buckets of
 * another size that overlap them), and when: the evaluator's in-memory rollups
 * read only rows written since their last look, which cannot show a deletion, so
 * they read these SLOs again whole.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sre_sli_resets', table => {
    table.comment(
      'SLOs whose stored SLI buckets were deleted by an overlapping push, for in-memory rollups to re-read',
    );
    table.string('slo_ref', 255).notNullable();
    table.primary(['slo_ref'], 'sre_sli_resets_pk');
    table
      .bigInteger('written_at')
      .notNullable()
      .comment('Epoch milliseconds of the last deletion');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('sre_sli_resets');
};
