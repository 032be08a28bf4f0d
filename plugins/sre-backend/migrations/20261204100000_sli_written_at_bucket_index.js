// @ts-check

/**
 * The evaluator's refresh reads the SLI rows written since its last look, within a
 * range of bucket starts. With both columns in one index, rows outside the range
 * (every push rewrites the current hour's rollup, which the refresh does not read
 * until the tier cut passes it) are skipped in the index instead of each costing a
 * lookup of its table row. Replaces the index on `written_at` alone, which the
 * new one serves as well (retention's `written_at <` scan uses its first column).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  for (const table of ['sre_sli_minutes', 'sre_sli_hours']) {
    await knex.schema.alterTable(table, t => {
      t.index(['written_at', 'bucket_start'], `${table}_written_bucket_idx`);
    });
    await knex.schema.alterTable(table, t => {
      t.dropIndex(['written_at'], `${table}_written_at_idx`);
    });
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  for (const table of ['sre_sli_minutes', 'sre_sli_hours']) {
    await knex.schema.alterTable(table, t => {
      t.index(['written_at'], `${table}_written_at_idx`);
    });
    await knex.schema.alterTable(table, t => {
      t.dropIndex(
        ['written_at', 'bucket_start'],
        `${table}_written_bucket_idx`,
      );
    });
  }
};
