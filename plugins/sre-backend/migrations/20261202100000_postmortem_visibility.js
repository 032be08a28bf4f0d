// @ts-check

/**
 * What postmortem reads and permission rules need beyond the postmortem itself:
 *
 * - `sre_postmortem_refs`: every entity ref a postmortem names (affected entities,
 *   their owners, impacted SLOs, action item owners), so that lists can leave out,
 *   in SQL, the postmortems that name an entity the caller cannot see. Backfilled
 *   from the stored JSON, owners and action items.
 * - `sre_postmortem_sres`: the SREs who supported each affected entity when the
 *   postmortem was last written, for the IS_AFFECTED_ENTITY_SRE rule. Not known for
 *   existing postmortems: filled on their next write.
 * - `sre_postmortem_entities.restricted`: whether an affected entity carried
 *   `sre-catalog.io/visibility: restricted` when the postmortem was last written, for
 *   the HAS_RESTRICTED_ENTITY rule. False for existing postmortems until their next
 *   write (catalog visibility still hides them from those who cannot see the entity).
 * - `sre_postmortem_revisions.changes`: the old and new value of each changed field.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sre_postmortem_refs', table => {
    table.comment(
      'Every entity ref a postmortem names: affected entities and their owners, impacted SLOs, action item owners',
    );
    table
      .string('postmortem_id', 64)
      .notNullable()
      .references('id')
      .inTable('sre_postmortems')
      .onDelete('CASCADE')
      .withKeyName('sre_postmortem_refs_postmortem_fk');
    table.string('entity_ref', 255).notNullable();
    table.primary(['postmortem_id', 'entity_ref'], 'sre_postmortem_refs_pk');
    table.index(['entity_ref'], 'sre_postmortem_refs_entity_idx');
  });

  await knex.schema.createTable('sre_postmortem_sres', table => {
    table.comment(
      'SREs (embedded SREs, central SRE group) of each affected entity when the postmortem was last written',
    );
    table
      .string('postmortem_id', 64)
      .notNullable()
      .references('id')
      .inTable('sre_postmortems')
      .onDelete('CASCADE')
      .withKeyName('sre_postmortem_sres_postmortem_fk');
    table.string('entity_ref', 255).notNullable();
    table.string('sre_ref', 255).notNullable();
    table.primary(
      ['postmortem_id', 'entity_ref', 'sre_ref'],
      'sre_postmortem_sres_pk',
    );
    table.index(['sre_ref'], 'sre_postmortem_sres_sre_idx');
  });

  await knex.schema.alterTable('sre_postmortem_entities', table => {
    table
      .boolean('restricted')
      .notNullable()
      .defaultTo(false)
      .comment(
        'The entity was annotated sre-catalog.io/visibility: restricted when the postmortem was last written',
      );
  });

  await knex.schema.alterTable('sre_postmortem_revisions', table => {
    table
      .text('changes')
      .nullable()
      .comment(
        'PostmortemFieldChange[] as JSON (before and after of each changed field); null before values were recorded',
      );
  });

  // Backfill the named refs, a page of postmortems at a time.
  const PAGE = 200;
  const BATCH = 100; // rows per insert: under SQLite's bound-parameter limit
  let after = '';
  for (;;) {
    /** @type {{ id: string; entity_refs: string; impacted_slos: string }[]} */
    const rows = await knex('sre_postmortems')
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .select('id', 'entity_refs', 'impacted_slos');
    if (!rows.length) break;
    after = rows[rows.length - 1].id;
    const ids = rows.map(r => r.id);
    /** @type {{ postmortem_id: string; owner_ref: string }[]} */
    const owners = [
      ...(await knex('sre_postmortem_action_items')
        .whereIn('postmortem_id', ids)
        .select('postmortem_id', 'owner_ref')),
      ...(await knex('sre_postmortem_owners')
        .whereIn('postmortem_id', ids)
        .select('postmortem_id', 'owner_ref')),
    ];
    /** @type {Map<string, Set<string>>} */
    const refs = new Map(rows.map(r => [r.id, new Set()]));
    for (const row of rows) {
      const named = refs.get(row.id);
      for (const ref of JSON.parse(row.entity_refs)) named?.add(ref);
      for (const slo of JSON.parse(row.impacted_slos)) named?.add(slo.sloRef);
    }
    for (const owner of owners) {
      refs.get(owner.postmortem_id)?.add(owner.owner_ref);
    }
    const inserts = [...refs].flatMap(([postmortemId, named]) =>
      [...named].map(ref => ({ postmortem_id: postmortemId, entity_ref: ref })),
    );
    for (let i = 0; i < inserts.length; i += BATCH) {
      await knex('sre_postmortem_refs').insert(inserts.slice(i, i + BATCH));
    }
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('sre_postmortem_revisions', table => {
    table.dropColumn('changes');
  });
  await knex.schema.alterTable('sre_postmortem_entities', table => {
    table.dropColumn('restricted');
  });
  await knex.schema.dropTable('sre_postmortem_sres');
  await knex.schema.dropTable('sre_postmortem_refs');
};
