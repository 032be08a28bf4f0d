// @ts-check

/**
 * Incidents found in the SLI data: windows in which an SLO burned its error budget
 * fast, with the share of the budget each consumed. The detection task replaces the
 * whole set on each run, so the table holds no history of its own.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sre_slo_incidents', table => {
    table.comment(
      'Fast error budget burns found in the SLI data that spent more than the postmortem threshold',
    );
    table.string('slo_ref', 255).notNullable();
    table.bigInteger('started_at').notNullable().comment('Epoch milliseconds');
    table.bigInteger('ended_at').notNullable().comment('Epoch milliseconds');
    table.string('service_ref', 255).notNullable();
    table.string('owner_ref', 255).nullable();
    table
      .double('budget_consumed')
      .notNullable()
      .comment('Fraction of the period error budget');
    table.primary(['slo_ref', 'started_at'], 'sre_slo_incidents_pk');
    table.index(['started_at'], 'sre_slo_incidents_started_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('sre_slo_incidents');
};
