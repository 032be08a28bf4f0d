import { LoggerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { SqlDialect } from '../../database/sqlDialect';
import {
  DatabaseSliDeadLetters,
  PendingRow,
} from '../ingest/DatabaseSliDeadLetters';
import { SliQueueAdmission } from '../ingest/SliQueueAdmission';
import { applySliTick } from '../ingest/applySliTick';
import { decodePendingEntries } from '../ingest/pendingSliEntries';
import {
  classifyApplyError,
  deadLetterErrorText,
} from '../ingest/sliApplyErrors';
import { AppliedPending } from './SliStore';

/** Pushes applied per transaction (a push holds at most 10,000 SLOs' buckets). */
const PUSHES_PER_TRANSACTION = 20;
/**
 * Transactions a push gets alone once its batch failed: two failures of its own
 * (not transient) make it a dead letter; transient ones only a retry.
 */
const ALONE_ATTEMPTS = 3;
/** pg_advisory_xact_lock key of the applier ("sres" in ASCII). */
const APPLY_LOCK_KEY = 0x73726573;

const NOTHING_APPLIED: Readonly<AppliedPending> = Object.freeze({
  pushes: 0,
  buckets: 0,
  replaced: 0,
  deadLettered: 0,
});

function addTo(total: AppliedPending, done: AppliedPending) {
  total.pushes += done.pushes;
  total.buckets += done.buckets;
  total.replaced += done.replaced;
  total.deadLettered += done.deadLettered;
}

/**
 * Applies the pending pushes in order (see SliStore.applyPending), each through
 * `applyTick` in a transaction; one that cannot apply becomes a dead letter.
 */
export class PendingSliApplier {
  /** Applications in this process run one after another. */
  private applying: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Knex,
    private readonly sql: SqlDialect,
    private readonly deps: {
      letters: DatabaseSliDeadLetters;
      /** The queue's bounds, looked at again once applying shrank it. */
      admission: SliQueueAdmission;
      applyTick: typeof applySliTick;
      logger?: LoggerService;
    },
  ) {}

  async applyPending(): Promise<AppliedPending> {
    const run = this.applying.then(() => this.applyAll());
    this.applying = run.catch(() => undefined);
    return run;
  }

  /**
   * Applies every pending row, a bounded number per transaction. A transaction
   * that fails is tried again one push per transaction, so that a push that
   * cannot apply becomes a dead letter and the others are applied, in order.
   */
  private async applyAll(): Promise<AppliedPending> {
    const total = { ...NOTHING_APPLIED };
    // Cheap when nothing waits, which is what most runs find.
    if (!(await this.db('sre_sli_pending').first('id'))) return total;
    try {
      const upTo = await this.committedUpTo();
      for (;;) {
        const { rows, done } = await this.applyBatch(upTo);
        addTo(total, done);
        // All applied (here, or by another replica between the look and the lock).
        if (rows === 0) return total;
      }
    } finally {
      // The queue shrank: the next push looks at its size again.
      this.deps.admission.invalidate();
    }
  }

  /** The next pushes in one transaction, or one by one if that fails. */
  private async applyBatch(
    upTo: number,
  ): Promise<{ rows: number; done: AppliedPending }> {
    try {
      return await this.db.transaction(tx =>
        this.applySome(tx, { upTo, limit: PUSHES_PER_TRANSACTION }),
      );
    } catch (error) {
      // The database is gone: every push stays pending for the next run.
      if (classifyApplyError(error) === 'store') throw error;
      this.deps.logger?.warn(
        `Applying SLI pushes together failed; applying them one by one: ${deadLetterErrorText(
          error,
        )}`,
      );
    }
    const ids = (
      await this.db('sre_sli_pending')
        .where('id', '<=', upTo)
        .orderBy('id')
        .limit(PUSHES_PER_TRANSACTION)
        .select('id')
    ).map(r => Number(r.id));
    const done = { ...NOTHING_APPLIED };
    for (const id of ids) addTo(done, await this.applyAlone(id));
    return { rows: ids.length, done };
  }

  /**
   * One push in transactions of its own: applied, or, after failing twice with
   * an error that is neither transient nor the database's, a dead letter. A
   * transient error that keeps coming stops the run with the push still pending.
   */
  private async applyAlone(id: number): Promise<AppliedPending> {
    let failures = 0;
    let lastError: unknown;
    for (let attempt = 0; attempt < ALONE_ATTEMPTS; attempt++) {
      try {
        const { done } = await this.db.transaction(tx =>
          this.applySome(tx, { upTo: id, limit: 1, only: id }),
        );
        return done;
      } catch (error) {
        const kind = classifyApplyError(error);
        if (kind === 'store') throw error;
        lastError = error;
        if (kind === 'push' && ++failures === 2) {
          return this.db.transaction(tx =>
            this.deadLetter(tx, id, deadLetterErrorText(error)),
          );
        }
      }
    }
    throw lastError;
  }

  /** Takes one pending push off the queue as a dead letter, if still there. */
  private async deadLetter(
    tx: Knex.Transaction,
    id: number,
    error: string,
  ): Promise<AppliedPending> {
    await this.lockApplier(tx);
    const row: PendingRow | undefined = await tx('sre_sli_pending')
      .where('id', id)
      .first('id', 'entries', 'buckets', 'received_at', 'pushed_by');
    if (!row) return { ...NOTHING_APPLIED };
    return this.deadLetterRow(tx, row, error);
  }

  private async deadLetterRow(
    tx: Knex.Transaction,
    row: PendingRow,
    error: string,
  ): Promise<AppliedPending> {
    const letterId = await this.deps.letters.moveFromPending(tx, row, error);
    this.deps.logger?.error(
      `SLI push #${row.id}${
        row.pushed_by ? ` by ${row.pushed_by}` : ''
      } could not be applied and is kept as dead letter ${letterId}: ${error}`,
    );
    return { ...NOTHING_APPLIED, deadLettered: 1 };
  }

  /**
   * The highest pending id up to which every push has committed. PostgreSQL hands
   * out ids at insert, not at commit: a brief SHARE lock waits for inserts in
   * flight, so that a later push is never applied before an earlier one. SQLite
   * has one writer at a time.
   */
  private async committedUpTo(): Promise<number> {
    if (!this.sql.isPostgres) return Number.MAX_SAFE_INTEGER;
    return this.db.transaction(async tx => {
      await tx.raw('LOCK TABLE sre_sli_pending IN SHARE MODE');
      const row = await tx('sre_sli_pending').max({ id: 'id' }).first();
      return Number(row?.id ?? 0);
    });
  }

  /**
   * One applier at a time across replicas: ticks must apply in order, and an
   * hour's delta must start from the counts the previous one left.
   */
  private async lockApplier(tx: Knex.Transaction) {
    if (this.sql.isPostgres) {
      await tx.raw('SELECT pg_advisory_xact_lock(CAST(? AS bigint))', [
        APPLY_LOCK_KEY,
      ]);
    }
  }

  /**
   * Applies the oldest pending rows up to `upTo` (or the one row `only`) and
   * deletes them; a row that cannot be read becomes a dead letter at once.
   */
  private async applySome(
    tx: Knex.Transaction,
    options: { upTo: number; limit: number; only?: number },
  ): Promise<{ rows: number; done: AppliedPending }> {
    await this.lockApplier(tx);
    let query = tx('sre_sli_pending').where('id', '<=', options.upTo);
    if (options.only !== undefined) query = query.where('id', options.only);
    const rows: PendingRow[] = await query
      .orderBy('id')
      .limit(options.limit)
      .select('id', 'entries', 'buckets', 'received_at', 'pushed_by');
    const done = { ...NOTHING_APPLIED };
    const writtenAt = Date.now();
    for (const row of rows) {
      let entries;
      try {
        entries = decodePendingEntries(row.entries);
      } catch (error) {
        // It would never apply: kept for an operator, and out of the queue's way.
        // The parser's own message would quote the payload.
        const why =
          error instanceof SyntaxError
            ? 'the payload is not valid JSON'
            : (error as Error).message;
        addTo(
          done,
          await this.deadLetterRow(
            tx,
            row,
            `The pending push cannot be read: ${why}`,
          ),
        );
        continue;
      }
      const applied = await this.deps.applyTick(
        tx,
        this.sql,
        entries,
        writtenAt,
      );
      done.pushes += 1;
      done.buckets += applied.buckets;
      done.replaced += applied.replaced.length;
      for (const r of applied.replaced.slice(0, 3)) {
        this.deps.logger?.warn(
          `SLI bucket of ${r.seconds}s at ${new Date(
            r.startMs,
          ).toISOString()} of ${
            r.sloRef
          } was replaced by a pushed bucket of another size that overlaps it`,
        );
      }
    }
    if (rows.length) {
      await tx('sre_sli_pending')
        .whereIn(
          'id',
          rows.map(r => r.id),
        )
        .delete();
    }
    return { rows: rows.length, done };
  }
}
