// @ts-check

/**
 * Snapshots of the evaluator's in-memory SLI rollups, one row per SLO, so that a
 * restarted replica reads its rollups back in one pass of a few bytes per bucket
 * and only the SLI rows written since, instead of every stored bucket. A cache
 * of the SLI tables, never the truth: dropping it costs one slower start.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sre_sli_cache_snapshots', table => {
    table.comment(
      'In-memory SLI rollups of the evaluator as of one read of the SLI tables (all rows share it): a faster start, rebuilt from the SLI tables whenever missing',
    );
    table.string('slo_ref', 255).notNullable();
    table.primary(['slo_ref'], 'sre_sli_cache_snapshots_pk');
    table
      .bigInteger('taken_at')
      .notNullable()
      .comment(
        'Epoch milliseconds of the read of the SLI tables the rollups reflect',
      );
    table
      .bigInteger('minutes_from')
      .notNullable()
      .comment('Epoch milliseconds: the tier cut of the rollups');
    table
      .bigInteger('recent_from')
      .notNullable()
      .comment('Epoch milliseconds: from here fine buckets are as pushed');
    table.binary('data').notNullable().comment('The tiers of the SLO, encoded');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('sre_sli_cache_snapshots');
};
