// @ts-check

/**
 * Who pushed each pending SLI push (a user entity ref or a service principal's
 * subject), so that an accepted push can be traced to its principal while it waits.
 * The applied rollups (sre_sli_minutes, sre_sli_hours) are sums of pushes and keep
 * no principal; the auditor's `slo-events-push` events are the lasting record.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('sre_sli_pending', table => {
    table
      .string('pushed_by', 255)
      .nullable()
      .comment(
        'The principal of the push: a user entity ref or a service subject',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('sre_sli_pending', table => {
    table.dropColumn('pushed_by');
  });
};
