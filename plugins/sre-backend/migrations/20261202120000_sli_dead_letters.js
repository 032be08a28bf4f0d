// @ts-check

/**
 * Dead letters: accepted SLI pushes that could not be applied, even alone in a
 * transaction of their own, kept with their error, principal and payload until an
 * operator retries or discards them, so that one bad push neither blocks the
 * queue nor is lost. `sre_sli_dead_letter_slos` names the SLOs of each (for the
 * refused pushes of an SLO's status, and for visibility filtering).
 *
 * Also the size of each pending push, so that the queue bound
 * (`sre.ingest.queue.maxBytes`) sums a small column instead of the payloads.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sre_sli_dead_letters', table => {
    table.comment(
      'SLI pushes that could not be applied, kept until an operator retries or discards them',
    );
    table.bigIncrements('id').primary();
    table
      .bigInteger('received_at')
      .notNullable()
      .comment('Epoch milliseconds the push was accepted (or re-queued)');
    table
      .bigInteger('failed_at')
      .notNullable()
      .comment('Epoch milliseconds it became a dead letter');
    table
      .string('pushed_by', 255)
      .nullable()
      .comment(
        'The principal of the push: a user entity ref or a service subject',
      );
    table.text('error').notNullable().comment('Why it could not be applied');
    table.integer('buckets').notNullable();
    table
      .text('entries', 'longtext')
      .notNullable()
      .comment('The pending payload as it was queued (see sre_sli_pending)');
    table.index(['failed_at'], 'sre_sli_dead_letters_failed_at_idx');
  });

  await knex.schema.createTable('sre_sli_dead_letter_slos', table => {
    table.comment('The SLOs each dead letter holds buckets of');
    table
      .bigInteger('dead_letter_id')
      .notNullable()
      .references('id')
      .inTable('sre_sli_dead_letters')
      .onDelete('CASCADE');
    table.string('slo_ref', 255).notNullable();
    table.primary(['slo_ref', 'dead_letter_id'], 'sre_sli_dead_letter_slos_pk');
    table.index(['dead_letter_id'], 'sre_sli_dead_letter_slos_letter_idx');
  });

  await knex.schema.alterTable('sre_sli_pending', table => {
    table
      .bigInteger('bytes')
      .notNullable()
      .defaultTo(0)
      .comment('Characters of entries, for the queue bound');
  });
  // Pushes already waiting count too.
  await knex('sre_sli_pending').update({ bytes: knex.raw('length(entries)') });
};

/**
 * Dead letters are lost on the way down: the code before them cannot apply them
 * either.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('sre_sli_pending', table => {
    table.dropColumn('bytes');
  });
  await knex.schema.dropTable('sre_sli_dead_letter_slos');
  await knex.schema.dropTable('sre_sli_dead_letters');
};
