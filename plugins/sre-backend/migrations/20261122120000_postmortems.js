// @ts-check

/**
 * The postmortem registry: postmortems, their affected entities and those entities'
 * owners (for the owner filter), tags, action items and the revision history.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sre_postmortems', table => {
    table.comment('Postmortems; list-valued fields as JSON text');
    table.string('id', 64).notNullable();
    table.primary(['id'], 'sre_postmortems_pk');
    table.integer('version').notNullable();
    table.string('template', 16).notNullable();
    table.string('title', 255).notNullable();
    table.string('severity', 8).notNullable();
    table.string('status', 16).notNullable();
    table.bigInteger('started_at').notNullable().comment('Epoch milliseconds');
    table.bigInteger('detected_at').nullable();
    table.bigInteger('mitigated_at').nullable();
    table.bigInteger('resolved_at').nullable();
    table
      .text('entity_refs')
      .notNullable()
      .comment('string[] as JSON, in order');
    table.text('impacted_slos').notNullable().comment('ImpactedSlo[] as JSON');
    table.text('summary').notNullable();
    table.text('impact').nullable();
    table.text('timeline').notNullable().comment('TimelineEntry[] as JSON');
    table
      .text('contributing_factors')
      .notNullable()
      .comment('string[] as JSON');
    table.text('went_well').nullable();
    table.text('went_poorly').nullable();
    table.text('lessons').nullable();
    table.text('tags').notNullable().comment('string[] as JSON, in order');
    table.text('links').notNullable().comment('PostmortemLink[] as JSON');
    table.boolean('policy_required').notNullable();
    table.boolean('policy_satisfied').notNullable();
    table.text('policy_reason').notNullable();
    table
      .text('search_text')
      .notNullable()
      .comment(
        'Lower-case title, summary, impact, lessons, tags and timeline for the free-text filter',
      );
    table.bigInteger('created_at').notNullable();
    table.string('created_by', 255).notNullable();
    table.bigInteger('updated_at').notNullable();
    table.string('updated_by', 255).notNullable();
    table.index(['started_at'], 'sre_postmortems_started_at_idx');
    table.index(
      ['policy_required', 'policy_satisfied'],
      'sre_postmortems_policy_idx',
    );
  });

  await knex.schema.createTable('sre_postmortem_entities', table => {
    table.comment('The affected entities of each postmortem');
    table
      .string('postmortem_id', 64)
      .notNullable()
      .references('id')
      .inTable('sre_postmortems')
      .onDelete('CASCADE')
      .withKeyName('sre_postmortem_entities_postmortem_fk');
    table.string('entity_ref', 255).notNullable();
    table.primary(
      ['postmortem_id', 'entity_ref'],
      'sre_postmortem_entities_pk',
    );
    table.index(['entity_ref'], 'sre_postmortem_entities_entity_idx');
  });

  await knex.schema.createTable('sre_postmortem_owners', table => {
    table.comment(
      'Owners of the affected entities when the postmortem was last written, for the owner filter and permission rules',
    );
    table
      .string('postmortem_id', 64)
      .notNullable()
      .references('id')
      .inTable('sre_postmortems')
      .onDelete('CASCADE')
      .withKeyName('sre_postmortem_owners_postmortem_fk');
    table.string('entity_ref', 255).notNullable();
    table.string('owner_ref', 255).notNullable();
    table.primary(
      ['postmortem_id', 'entity_ref', 'owner_ref'],
      'sre_postmortem_owners_pk',
    );
    table.index(['owner_ref'], 'sre_postmortem_owners_owner_idx');
  });

  await knex.schema.createTable('sre_postmortem_tags', table => {
    table.comment('Tags of each postmortem, for the tag filter');
    table
      .string('postmortem_id', 64)
      .notNullable()
      .references('id')
      .inTable('sre_postmortems')
      .onDelete('CASCADE')
      .withKeyName('sre_postmortem_tags_postmortem_fk');
    table.string('tag', 64).notNullable();
    table.primary(['postmortem_id', 'tag'], 'sre_postmortem_tags_pk');
    table.index(['tag'], 'sre_postmortem_tags_tag_idx');
  });

  await knex.schema.createTable('sre_postmortem_action_items', table => {
    table.comment('Action items of postmortems, queryable across postmortems');
    table.string('id', 64).notNullable();
    table.primary(['id'], 'sre_postmortem_action_items_pk');
    table
      .string('postmortem_id', 64)
      .notNullable()
      .references('id')
      .inTable('sre_postmortems')
      .onDelete('CASCADE')
      .withKeyName('sre_postmortem_action_items_postmortem_fk');
    table.integer('position').notNullable();
    table.text('title').notNullable();
    table.string('owner_ref', 255).notNullable();
    table.string('due_date', 10).nullable().comment('YYYY-MM-DD');
    table.string('priority', 4).notNullable();
    table.string('status', 16).notNullable();
    table.text('tracking_url').nullable();
    table.index(
      ['postmortem_id'],
      'sre_postmortem_action_items_postmortem_idx',
    );
    table.index(['owner_ref'], 'sre_postmortem_action_items_owner_idx');
    table.index(
      ['status', 'due_date'],
      'sre_postmortem_action_items_status_due_idx',
    );
  });

  await knex.schema.createTable('sre_postmortem_revisions', table => {
    table.comment('Every change of a postmortem: who, when, and which fields');
    table
      .string('postmortem_id', 64)
      .notNullable()
      .references('id')
      .inTable('sre_postmortems')
      .onDelete('CASCADE')
      .withKeyName('sre_postmortem_revisions_postmortem_fk');
    table.integer('version').notNullable();
    table.bigInteger('changed_at').notNullable();
    table.string('changed_by', 255).notNullable();
    table.text('changed_fields').notNullable().comment('string[] as JSON');
    table.primary(['postmortem_id', 'version'], 'sre_postmortem_revisions_pk');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('sre_postmortem_revisions');
  await knex.schema.dropTable('sre_postmortem_action_items');
  await knex.schema.dropTable('sre_postmortem_tags');
  await knex.schema.dropTable('sre_postmortem_owners');
  await knex.schema.dropTable('sre_postmortem_entities');
  await knex.schema.dropTable('sre_postmortems');
};
