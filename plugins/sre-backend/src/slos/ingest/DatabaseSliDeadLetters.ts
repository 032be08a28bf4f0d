import { Knex } from 'knex';
import {
  RefusedPushes,
  SliDeadLetterStore,
  StoredSliDeadLetter,
} from '../store/SliStore';
import { sloRefsOfPending } from './pendingSliEntries';
import { redactSloRefs, sloRefForms } from './redactSloRefs';
import { SqlDialect } from '../../database/sqlDialect';

/** A pending push as the applier reads it. */
export type PendingRow = {
  id: number | string;
  entries: string;
  buckets: number | string;
  received_at: number | string;
  pushed_by: string | null;
};

type LetterRow = {
  id: number | string;
  received_at: number | string;
  failed_at: number | string;
  pushed_by: string | null;
  error: string;
  buckets: number | string;
};

/** What stands in an SLO's refused pushes for the other SLOs of the push. */
const ANOTHER_SLO = '<another SLO>';

/** SLO refs per statement (SQLite bounds the parameters of one). */
const REFS_PER_QUERY = 500;

const LETTER_COLUMNS = [
  'd.id',
  'd.received_at',
  'd.failed_at',
  'd.pushed_by',
  'd.error',
  'd.buckets',
];

/**
 * The dead letters of the SLI push queue (`sre_sli_dead_letters`, with their SLOs
 * in `sre_sli_dead_letter_slos`): written by the applier in the transaction that
 * takes the push off the queue, listed, retried and discarded by operators.
 */
export class DatabaseSliDeadLetters implements SliDeadLetterStore {
  constructor(
    private readonly db: Knex,
    private readonly sql: SqlDialect,
    /** Room in the queue for a retried letter of this many bytes (see SliQueueAdmission). */
    private readonly reserve: (
      bytes: number,
    ) => Promise<(stored: boolean) => void>,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * Takes a pending push off the queue as a dead letter, in the caller's
   * transaction, and returns the letter's id.
   */
  async moveFromPending(
    tx: Knex.Transaction,
    row: PendingRow,
    error: string,
  ): Promise<string> {
    const inserted = await tx('sre_sli_dead_letters')
      .insert({
        received_at: Number(row.received_at),
        failed_at: this.clock(),
        pushed_by: row.pushed_by,
        error,
        buckets: Number(row.buckets),
        entries: row.entries,
      })
      .returning('id');
    const first = inserted[0] as { id: number | string } | number | string;
    const id = String(typeof first === 'object' ? first.id : first);
    const refs = sloRefsOfPending(row.entries);
    if (refs.length) {
      await tx.raw(
        `INSERT INTO sre_sli_dead_letter_slos (dead_letter_id, slo_ref)
        SELECT CAST(? AS BIGINT), d.slo_ref
        FROM ${this.sql.jsonRows([['slo_ref', 'text']])} AS d`,
        [Number(id), JSON.stringify(refs.map(r => [r]))],
      );
    }
    await tx('sre_sli_pending').where('id', row.id).delete();
    return id;
  }

  async stats(): Promise<{ count: number; oldestFailedAtMs: number | null }> {
    const row = await this.db('sre_sli_dead_letters')
      .count({ n: '*' })
      .min({ oldest: 'failed_at' })
      .first();
    return {
      count: Number(row?.n ?? 0),
      oldestFailedAtMs:
        row?.oldest === null || row?.oldest === undefined
          ? null
          : Number(row.oldest),
    };
  }

  /**
   * Per SLO: how many dead letters name it, and the latest one's error and time.
   * The error is shown with the SLO's status, to whoever may see that SLO: the
   * other SLOs of the same push are replaced in it.
   */
  async refusedPushes(sloRefs: string[]): Promise<Map<string, RefusedPushes>> {
    const result = new Map<string, RefusedPushes>();
    const unique = [...new Set(sloRefs)];
    // What nearly every evaluation finds: no dead letter at all.
    if (
      !unique.length ||
      !(await this.db('sre_sli_dead_letters').first('id'))
    ) {
      return result;
    }
    const latest: Array<{
      slo_ref: string;
      letter_id: number | string;
      n: number | string;
      failed_at: number | string;
      error: string;
    }> = [];
    for (let i = 0; i < unique.length; i += REFS_PER_QUERY) {
      const refs = unique.slice(i, i + REFS_PER_QUERY);
      latest.push(
        ...((await this.sql.selectRaw(
          this.db,
          `SELECT slo_ref, letter_id, n, failed_at, error FROM (
            SELECT s.slo_ref, d.id AS letter_id, d.failed_at, d.error,
              COUNT(*) OVER (PARTITION BY s.slo_ref) AS n,
              ROW_NUMBER() OVER (
                PARTITION BY s.slo_ref ORDER BY d.failed_at DESC, d.id DESC
              ) AS k
            FROM sre_sli_dead_letter_slos s
            JOIN sre_sli_dead_letters d ON d.id = s.dead_letter_id
            WHERE s.slo_ref IN (${refs.map(() => '?').join(', ')})
          ) AS latest WHERE k = 1`,
          refs,
        )) as typeof latest),
      );
    }
    const formsOf = await this.refFormsOf(latest.map(r => Number(r.letter_id)));
    for (const r of latest) {
      const others = formsOf.get(Number(r.letter_id));
      const own = sloRefForms([r.slo_ref]);
      result.set(r.slo_ref, {
        count: Number(r.n),
        lastError: others
          ? redactSloRefs(
              r.error,
              w => others.has(w) && !own.has(w),
              ANOTHER_SLO,
            )
          : r.error,
        lastAtMs: Number(r.failed_at),
      });
    }
    return result;
  }

  /** Per letter naming more than one SLO, the forms of its SLO refs. */
  private async refFormsOf(letterIds: number[]) {
    const ids = [...new Set(letterIds)];
    const refsOf = new Map<number, string[]>();
    for (let i = 0; i < ids.length; i += REFS_PER_QUERY) {
      const rows = await this.db('sre_sli_dead_letter_slos')
        .whereIn('dead_letter_id', ids.slice(i, i + REFS_PER_QUERY))
        .select('dead_letter_id', 'slo_ref');
      for (const r of rows) {
        const id = Number(r.dead_letter_id);
        const refs = refsOf.get(id);
        if (refs) refs.push(r.slo_ref);
        else refsOf.set(id, [r.slo_ref]);
      }
    }
    const result = new Map<number, Set<string>>();
    for (const [id, refs] of refsOf) {
      if (refs.length > 1) result.set(id, sloRefForms(refs));
    }
    return result;
  }

  async deadLetterSloRefs(): Promise<string[]> {
    const rows = await this.db('sre_sli_dead_letter_slos')
      .distinct('slo_ref')
      .orderBy('slo_ref');
    return rows.map(r => r.slo_ref);
  }

  async listDeadLetters(query: {
    hiddenSloRefs: string[];
    limit: number;
    offset: number;
  }): Promise<{ items: StoredSliDeadLetter[]; totalCount: number }> {
    const hidden = [...new Set(query.hiddenSloRefs)];
    // Left out: letters that name SLOs, all of them hidden.
    const visible = (builder: Knex.QueryBuilder) => {
      if (!hidden.length) return builder;
      return builder.whereRaw(
        `(NOT EXISTS (SELECT 1 FROM sre_sli_dead_letter_slos s
            WHERE s.dead_letter_id = d.id)
          OR EXISTS (SELECT 1 FROM sre_sli_dead_letter_slos s
            WHERE s.dead_letter_id = d.id AND s.slo_ref NOT IN (
              SELECT h.slo_ref FROM ${this.sql.jsonRows([
                ['slo_ref', 'text'],
              ])} AS h)))`,
        [JSON.stringify(hidden.map(r => [r]))],
      );
    };
    const counted = await visible(
      this.db('sre_sli_dead_letters as d').count({ n: '*' }),
    ).first();
    const rows: LetterRow[] = await visible(
      this.db('sre_sli_dead_letters as d').select(LETTER_COLUMNS),
    )
      .orderBy([
        { column: 'd.failed_at', order: 'desc' },
        { column: 'd.id', order: 'desc' },
      ])
      .limit(query.limit)
      .offset(query.offset);
    const refsOf = new Map<string, string[]>(rows.map(r => [String(r.id), []]));
    if (rows.length) {
      const refs = await this.db('sre_sli_dead_letter_slos')
        .whereIn(
          'dead_letter_id',
          rows.map(r => Number(r.id)),
        )
        .orderBy('slo_ref')
        .select('dead_letter_id', 'slo_ref');
      for (const r of refs)
        refsOf.get(String(r.dead_letter_id))?.push(r.slo_ref);
    }
    return {
      totalCount: Number((counted as { n?: number | string })?.n ?? 0),
      items: rows.map(r => ({
        id: String(r.id),
        receivedAtMs: Number(r.received_at),
        failedAtMs: Number(r.failed_at),
        pushedBy: r.pushed_by,
        error: r.error,
        buckets: Number(r.buckets),
        sloRefs: refsOf.get(String(r.id)) ?? [],
      })),
    };
  }

  async sloRefsOfDeadLetter(id: string): Promise<string[] | undefined> {
    if (
      !(await this.db('sre_sli_dead_letters')
        .where('id', Number(id))
        .first('id'))
    ) {
      return undefined;
    }
    const rows = await this.db('sre_sli_dead_letter_slos')
      .where('dead_letter_id', Number(id))
      .orderBy('slo_ref')
      .select('slo_ref');
    return rows.map(r => r.slo_ref);
  }

  async retryDeadLetter(id: string): Promise<boolean> {
    const size = await this.db('sre_sli_dead_letters')
      .where('id', Number(id))
      .first(this.db.raw('length(entries) AS bytes'));
    if (!size) return false;
    // A retried letter joins the queue like a push: within its bounds.
    const done = await this.reserve(Number(size.bytes));
    let moved = false;
    try {
      moved = await this.db.transaction(async tx => {
        const letter = await tx('sre_sli_dead_letters')
          .where('id', Number(id))
          .first('entries', 'buckets', 'pushed_by');
        if (!letter) return false;
        await tx('sre_sli_dead_letter_slos')
          .where('dead_letter_id', Number(id))
          .delete();
        // Whoever deletes it re-queues it: two retries at once queue it once.
        if (
          !(await tx('sre_sli_dead_letters').where('id', Number(id)).delete())
        ) {
          return false;
        }
        // At the end of the queue, received now: the age bound counts from here.
        await tx('sre_sli_pending').insert({
          entries: letter.entries,
          buckets: Number(letter.buckets),
          received_at: this.clock(),
          pushed_by: letter.pushed_by,
          bytes: letter.entries.length,
        });
        return true;
      });
    } finally {
      done(moved);
    }
    return moved;
  }

  async discardDeadLetter(id: string): Promise<boolean> {
    return this.db.transaction(async tx => {
      await tx('sre_sli_dead_letter_slos')
        .where('dead_letter_id', Number(id))
        .delete();
      return (
        (await tx('sre_sli_dead_letters').where('id', Number(id)).delete()) > 0
      );
    });
  }
}
