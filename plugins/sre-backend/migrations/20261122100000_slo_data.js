// @ts-check

/**
 * SLI data as rollups, SLO status snapshots and their daily history.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sre_sli_minutes', table => {
    table.comment(
      'Pushed SLI buckets of one minute up to one hour, kept for a few days: the short windows and the source for replacing a re-sent bucket',
    );
    table.string('slo_ref', 255).notNullable();
    table
      .bigInteger('bucket_start')
      .notNullable()
      .comment('Epoch milliseconds');
    table.integer('bucket_seconds').notNullable();
    table.bigInteger('good').notNullable();
    table.bigInteger('total').notNullable();
    table.primary(['slo_ref', 'bucket_start'], 'sre_sli_minutes_pk');
    table.index(['bucket_start'], 'sre_sli_minutes_bucket_start_idx');
  });

  await knex.schema.createTable('sre_sli_hours', table => {
    table.comment(
      'Hourly rollups of SLI data (events and time-slice counts), kept for the long windows and reports',
    );
    table.string('slo_ref', 255).notNullable();
    table
      .bigInteger('bucket_start')
      .notNullable()
      .comment('Epoch milliseconds');
    table.bigInteger('good').notNullable();
    table.bigInteger('total').notNullable();
    table.integer('good_slices').notNullable().defaultTo(0);
    table.integer('bad_slices').notNullable().defaultTo(0);
    table.double('ratio_sum').notNullable().defaultTo(0);
    table.primary(['slo_ref', 'bucket_start'], 'sre_sli_hours_pk');
    table.index(['bucket_start'], 'sre_sli_hours_bucket_start_idx');
  });

  await knex.schema.createTable('sre_slo_status', table => {
    table.comment('The latest evaluated status of each SLO');
    table.string('slo_ref', 255).notNullable();
    table.primary(['slo_ref'], 'sre_slo_status_pk');
    table.string('service_ref', 255).notNullable();
    table.string('owner_ref', 255).nullable();
    table.string('system_ref', 255).nullable();
    table.string('alert', 16).notNullable();
    table.double('budget_remaining').nullable();
    table.string('data_state', 16).notNullable();
    table.text('status').notNullable().comment('SloStatus as JSON');
    table.bigInteger('evaluated_at').notNullable();
    table.index(['service_ref'], 'sre_slo_status_service_idx');
    table.index(['owner_ref'], 'sre_slo_status_owner_idx');
  });

  await knex.schema.createTable('sre_slo_history', table => {
    table.comment('Error budget remaining and SLI per SLO and day');
    table.string('slo_ref', 255).notNullable();
    table.string('day', 10).notNullable().comment('YYYY-MM-DD, UTC');
    table.double('budget_remaining').nullable();
    table.double('sli').nullable();
    table.primary(['slo_ref', 'day'], 'sre_slo_history_pk');
  });

  await knex.schema.createTable('sre_slo_problems', table => {
    table.comment(
      'SLO documents that cannot be evaluated, and why, shown on the SLO tab of their service',
    );
    table.string('slo_ref', 255).notNullable();
    table.string('service_ref', 255).nullable();
    table.text('location').nullable();
    table.text('problems').notNullable().comment('SpecProblem[] as JSON');
    table.bigInteger('seen_at').notNullable();
    table.primary(['slo_ref'], 'sre_slo_problems_pk');
    table.index(['service_ref'], 'sre_slo_problems_service_idx');
  });

  await knex.schema.createTable('sre_source_state', table => {
    table.comment('Health of each SLI source, for "unavailable since"');
    table.string('source', 255).notNullable();
    table.primary(['source'], 'sre_source_state_pk');
    table.bigInteger('unavailable_since').nullable();
    table.text('last_error').nullable();
    table.bigInteger('last_success_at').nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('sre_source_state');
  await knex.schema.dropTable('sre_slo_problems');
  await knex.schema.dropTable('sre_slo_history');
  await knex.schema.dropTable('sre_slo_status');
  await knex.schema.dropTable('sre_sli_hours');
  await knex.schema.dropTable('sre_sli_minutes');
};
