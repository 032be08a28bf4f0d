import { Knex } from 'knex';

/** Column types of {@link SqlDialect.jsonRows}. */
export type JsonColumnType = 'text' | 'bigint' | 'int' | 'double';

/** The few SQL differences between SQLite and PostgreSQL that the SLI store meets. */
export class SqlDialect {
  readonly isPostgres: boolean;

  constructor(db: Knex) {
    const client = String(db.client.config.client);
    this.isPostgres = client === 'pg' || client.startsWith('postgres');
  }

  bool(value: boolean): string {
    if (this.isPostgres) return value ? 'TRUE' : 'FALSE';
    return value ? '1' : '0';
  }

  /**
   * A derived table of the rows of one JSON parameter (an array of arrays, the
   * columns in the given order), with one `?` binding: json_each on SQLite,
   * jsonb_array_elements on PostgreSQL. Binding thousands of rows as one parameter
   * avoids SQLite's limit on parameters and a statement per few hundred rows.
   */
  jsonRows(columns: Array<[string, JsonColumnType]>): string {
    const pg = this.isPostgres;
    const select = columns
      .map(([name, type], i) => {
        const value = pg ? `e.value->>${i}` : `value->>${i}`;
        if (type === 'text') return `${value} AS ${name}`;
        const sqlType = {
          bigint: 'BIGINT',
          int: 'INTEGER',
          double: pg ? 'DOUBLE PRECISION' : 'REAL',
        }[type];
        return `CAST(${value} AS ${sqlType}) AS ${name}`;
      })
      .join(', ');
    return pg
      ? `(SELECT ${select} FROM jsonb_array_elements(CAST(? AS jsonb)) AS e(value))`
      : `(SELECT ${select} FROM json_each(?))`;
  }

  /** Rows of a raw SELECT on either client (pg wraps them, SQLite does not). */
  async selectRaw(
    tx: Knex,
    sql: string,
    bindings: Array<string | number>,
  ): Promise<unknown[]> {
    const result = await tx.raw(sql, bindings);
    return Array.isArray(result) ? result : result.rows;
  }
}
