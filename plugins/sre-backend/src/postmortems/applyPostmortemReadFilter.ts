import {
  isAndCriteria,
  isNotCriteria,
  isOrCriteria,
} from '@backstage/plugin-permission-node';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { SqlDialect } from '../database/sqlDialect';
import { PostmortemPermissionQuery } from './PostmortemResource';
import { PostmortemReadFilter } from './PostmortemStore';
import { ENTITIES, OWNERS, REFS, SRES } from './postmortemTables';

// `p` is the alias of `sre_postmortems` in every query the filter is applied to.

/**
 * The values of one JSON array parameter as a one-column subquery: any number of refs
 * in one `?` binding, under SQLite's and PostgreSQL's parameter limits.
 */
function jsonStringsSql(db: Knex): string {
  return new SqlDialect(db).isPostgres
    ? 'select jsonb_array_elements_text(cast(? as jsonb))'
    : 'select value from json_each(?)';
}

/** Postmortem ids with a row in `table` whose `column` is one of `values`. */
const idsWith = (db: Knex, table: string, column: string, values: string[]) =>
  db(table).select('postmortem_id').whereIn(column, values);

function applyQuery(
  db: Knex,
  qb: Knex.QueryBuilder,
  query: PostmortemPermissionQuery,
): void {
  switch (query.property) {
    case 'ownerRefs':
      qb.whereIn('p.id', idsWith(db, OWNERS, 'owner_ref', query.values));
      return;
    case 'entityRefs':
      qb.whereIn('p.id', idsWith(db, ENTITIES, 'entity_ref', query.values));
      return;
    case 'sreRefs':
      qb.whereIn('p.id', idsWith(db, SRES, 'sre_ref', query.values));
      return;
    case 'status':
      qb.whereIn('p.status', query.values);
      return;
    case 'createdBy':
      if (!query.values.length) qb.whereRaw('1 = 0');
      else {
        qb.whereRaw(
          `lower(p.created_by) in (${query.values.map(() => '?').join(', ')})`,
          query.values,
        );
      }
      return;
    case 'restrictedEntityOwners':
      // No restricted entity of p without an owner among the values.
      qb.whereNotExists(
        db(`${ENTITIES} as re`)
          .select(db.raw('1'))
          .whereRaw('re.postmortem_id = p.id')
          .where('re.restricted', true)
          .whereNotExists(
            db(`${OWNERS} as ro`)
              .select(db.raw('1'))
              .whereRaw('ro.postmortem_id = re.postmortem_id')
              .whereRaw('ro.entity_ref = re.entity_ref')
              .whereIn('ro.owner_ref', query.values),
          ),
      );
      return;
    case 'restrictedEntity':
      qb.whereIn(
        'p.id',
        db(ENTITIES).select('postmortem_id').where('restricted', true),
      );
      return;
    default:
      // An unknown property must never widen what a caller reads.
      qb.whereRaw('1 = 0');
  }
}

function applyCriteria(
  db: Knex,
  qb: Knex.QueryBuilder,
  criteria: PermissionCriteria<PostmortemPermissionQuery>,
): void {
  if (isAndCriteria(criteria)) {
    qb.where(all => {
      for (const c of criteria.allOf)
        all.andWhere(b => applyCriteria(db, b, c));
    });
  } else if (isOrCriteria(criteria)) {
    if (!criteria.anyOf.length) {
      qb.whereRaw('1 = 0');
      return;
    }
    qb.where(any => {
      for (const c of criteria.anyOf) any.orWhere(b => applyCriteria(db, b, c));
    });
  } else if (isNotCriteria(criteria)) {
    qb.whereNot(b => applyCriteria(db, b, criteria.not));
  } else {
    applyQuery(db, qb, criteria);
  }
}

/**
 * Narrows a query over `sre_postmortems as p` to what a caller may read: no named ref
 * outside `visibleRefs`, and the translated conditional read decision.
 */
export function applyPostmortemReadFilter(
  db: Knex,
  qb: Knex.QueryBuilder,
  filter: PostmortemReadFilter,
): Knex.QueryBuilder {
  if (filter.visibleRefs) {
    qb.whereNotIn(
      'p.id',
      db(REFS)
        .select('postmortem_id')
        .whereRaw(`entity_ref not in (${jsonStringsSql(db)})`, [
          JSON.stringify(filter.visibleRefs),
        ]),
    );
  }
  if (filter.condition) {
    const condition = filter.condition;
    qb.where(b => applyCriteria(db, b, condition));
  }
  return qb;
}
