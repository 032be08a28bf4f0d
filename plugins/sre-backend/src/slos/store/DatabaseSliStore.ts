import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { Knex } from 'knex';
import {
  AppliedPending,
  FlatSliQuery,
  FlatSliRows,
  RefusedPushes,
  SliBucketInput,
  SliCacheSnapshotStore,
  SliDeadLetterStore,
  SliQueueStats,
  SliSeries,
  SliStore,
  SliTickEntry,
} from './SliStore';
import { DatabaseSliCacheSnapshots } from '../evaluation/DatabaseSliCacheSnapshots';
import {
  DatabaseSliDeadLetters,
  PendingRow,
} from '../ingest/DatabaseSliDeadLetters';
import { SliQueueAdmission, SliQueueSize } from '../ingest/SliQueueAdmission';
import { applySliTick } from '../ingest/applySliTick';
import {
  decodePendingEntries,
  encodePendingEntry,
} from '../ingest/pendingSliEntries';
import {
  DEFAULT_SLI_QUEUE_LIMITS,
  SliQueueLimits,
} from '../ingest/queueLimits';
import {
  classifyApplyError,
  deadLetterErrorText,
} from '../ingest/sliApplyErrors';
import { SqlDialect } from '../../database/sqlDialect';

/** Pushes applied per transaction (a push holds at most 10,000 SLOs' buckets). */
const PUSHES_PER_TRANSACTION = 20;
/**
 * Transactions a push gets alone once its batch failed: two failures of its own
 * (not transient) make it a dead letter; transient ones only a retry.
 */
const ALONE_ATTEMPTS = 3;
/** pg_advisory_xact_lock key of the applier ("sres" in ASCII). */
const APPLY_LOCK_KEY = 0x73726573;
const HOUR = 3_600_000;
// SQLite limits bound parameters per statement; keep batches well under it.
const BATCH = 100;
function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}

/**
 * Comma-separated numbers as a Float64Array: plain integers digit by digit, other
 * forms (decimals, exponents, signs) through Number.
 */
export function parseNumbers(text: string): Float64Array {
  let count = text.length ? 1 : 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) count++;
  const out = new Float64Array(count);
  let k = 0;
  let value = 0;
  let start = 0;
  let plain = true;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 44;
    if (c === 44) {
      out[k++] = plain ? value : Number(text.slice(start, i));
      value = 0;
      start = i + 1;
      plain = true;
    } else if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
    } else {
      plain = false;
    }
  }
  return out;
}

/**
 * The buckets of one SLO of a push in time order; throws if two of them overlap
 * (the API's validation already refuses repeated starts and mixed sizes).
 */
function sortedWithoutOverlaps(
  sloRef: string,
  buckets: SliBucketInput[],
): SliBucketInput[] {
  const incoming = [...buckets].sort((a, b) => a.startMs - b.startMs);
  for (let i = 1; i < incoming.length; i++) {
    const prev = incoming[i - 1];
    if (prev.startMs + prev.seconds * 1000 > incoming[i].startMs) {
      throw new InputError(
        `${sloRef}: bucket ${new Date(
          incoming[i].startMs,
        ).toISOString()} overlaps bucket ${new Date(
          prev.startMs,
        ).toISOString()} of the same request`,
      );
    }
  }
  return incoming;
}

type MinuteRow = {
  slo_ref: string;
  bucket_start: number | string;
  good: number | string;
  total: number | string;
};

type HourRow = MinuteRow & {
  good_slices: number;
  bad_slices: number;
  ratio_sum: number;
};

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

/** Options of {@link DatabaseSliStore.create}. */
export type DatabaseSliStoreOptions = {
  /** A migrated client: SreDatabase hands this store out. */
  client: Knex;
  logger?: LoggerService;
  /** The bounds of the queue of accepted pushes; DEFAULT_SLI_QUEUE_LIMITS without. */
  queueLimits?: SliQueueLimits;
  /** Applies one push in a transaction; applySliTick, unless a test fakes failures. */
  applyTick?: typeof applySliTick;
};

/**
 * SLI rollups in the plugin's database (SQLite or PostgreSQL). A push is appended
 * to `sre_sli_pending` as one row, within the queue's bounds;
 * {@link DatabaseSliStore.applyPending} (the evaluator's scheduled run) applies
 * those rows in order, and pushes that cannot be applied become dead letters.
 * Reads see what is applied.
 */
export class DatabaseSliStore implements SliStore {
  private readonly sql: SqlDialect;
  /** Applications in this process run one after another. */
  private applying: Promise<unknown> = Promise.resolve();
  private readonly admission: SliQueueAdmission;
  private readonly applyTick: typeof applySliTick;
  private readonly letters: DatabaseSliDeadLetters;
  private readonly logger?: LoggerService;

  private constructor(
    private readonly db: Knex,
    options: Omit<DatabaseSliStoreOptions, 'client'>,
  ) {
    this.sql = new SqlDialect(db);
    this.logger = options.logger;
    this.applyTick = options.applyTick ?? applySliTick;
    this.admission = new SliQueueAdmission(
      options.queueLimits ?? DEFAULT_SLI_QUEUE_LIMITS,
      () => this.pendingSize(),
    );
    this.letters = new DatabaseSliDeadLetters(db, this.sql, bytes =>
      this.admission.reserve(bytes),
    );
  }

  static create(options: DatabaseSliStoreOptions): DatabaseSliStore {
    const { client, ...rest } = options;
    return new DatabaseSliStore(client, rest);
  }

  /**
   * Where the evaluator keeps snapshots of its rollups for a faster start; none on
   * an in-memory SQLite database, which a restart loses anyway.
   */
  get cacheSnapshots(): SliCacheSnapshotStore | undefined {
    const connection = this.db.client.config.connection as
      | { filename?: string }
      | string
      | undefined;
    const filename =
      typeof connection === 'string' ? connection : connection?.filename;
    if (!this.sql.isPostgres && (!filename || filename === ':memory:')) {
      return undefined;
    }
    return new DatabaseSliCacheSnapshots(this.db);
  }

  /** The dead letters, for the operators' API. */
  get deadLetters(): SliDeadLetterStore {
    return this.letters;
  }

  async writeTick(
    entries: SliTickEntry[],
    options: { pushedBy?: string } = {},
  ): Promise<void> {
    const seen = new Set<string>();
    let buckets = 0;
    const rows = entries.map(({ sloRef, buckets: b, slice }) => {
      if (seen.has(sloRef)) {
        throw new InputError(`SLO ${sloRef} appears more than once in a tick`);
      }
      seen.add(sloRef);
      buckets += b.length;
      return encodePendingEntry(
        sloRef,
        sortedWithoutOverlaps(sloRef, b),
        slice,
      );
    });
    if (!buckets) return;
    const payload = `[${rows.join(',')}]`;
    // Refused before anything is stored: a push is never accepted past a bound.
    const done = await this.admission.reserve(payload.length);
    let stored = false;
    try {
      await this.db('sre_sli_pending').insert({
        entries: payload,
        buckets,
        received_at: Date.now(),
        pushed_by: options.pushedBy?.slice(0, 255) ?? null,
        bytes: payload.length,
      });
      stored = true;
    } finally {
      done(stored);
    }
  }

  /** The size of the queue, for its bounds. */
  private async pendingSize(): Promise<SliQueueSize> {
    const row = await this.db('sre_sli_pending')
      .count({ n: '*' })
      .sum({ bytes: 'bytes' })
      .min({ oldest: 'received_at' })
      .first();
    return {
      rows: Number(row?.n ?? 0),
      bytes: Number(row?.bytes ?? 0),
      oldestReceivedAtMs:
        row?.oldest === null || row?.oldest === undefined
          ? null
          : Number(row.oldest),
    };
  }

  async countReplaced(entries: SliTickEntry[]): Promise<Map<string, number>> {
    const result = new Map<string, number>();
    const spans: Array<[string, number, number]> = [];
    const hourly: Array<[string, number]> = [];
    for (const { sloRef, buckets } of entries) {
      for (const b of buckets) {
        spans.push([sloRef, b.startMs, b.startMs + b.seconds * 1000]);
        if (b.seconds >= 3600) hourly.push([sloRef, b.startMs]);
      }
    }
    if (!spans.length) return result;
    // Applied buckets only: see SliStore.countReplaced.
    const add = (rows: unknown[]) => {
      for (const r of rows as Array<{ slo_ref: string; n: number | string }>) {
        result.set(r.slo_ref, (result.get(r.slo_ref) ?? 0) + Number(r.n));
      }
    };
    // Stored fine buckets never overlap each other and last at most an hour, so
    // one that overlaps an incoming bucket starts less than an hour before it.
    add(
      await this.sql.selectRaw(
        this.db,
        `SELECT o.slo_ref, COUNT(*) AS n FROM (
          SELECT DISTINCT m.slo_ref, m.bucket_start
          FROM ${this.sql.jsonRows([
            ['slo_ref', 'text'],
            ['bucket_start', 'bigint'],
            ['bucket_end', 'bigint'],
          ])} AS i
          JOIN sre_sli_minutes m
            ON m.slo_ref = i.slo_ref
            AND m.bucket_start < i.bucket_end
            AND m.bucket_start >= i.bucket_start - ${HOUR}
            AND m.bucket_start + m.bucket_seconds * 1000 > i.bucket_start
        ) AS o GROUP BY o.slo_ref`,
        [JSON.stringify(spans)],
      ),
    );
    if (hourly.length) {
      add(
        await this.sql.selectRaw(
          this.db,
          `SELECT h.slo_ref, COUNT(*) AS n
          FROM ${this.sql.jsonRows([
            ['slo_ref', 'text'],
            ['bucket_start', 'bigint'],
          ])} AS i
          JOIN sre_sli_hours h
            ON h.slo_ref = i.slo_ref AND h.bucket_start = i.bucket_start
          GROUP BY h.slo_ref`,
          [JSON.stringify(hourly)],
        ),
      );
    }
    return result;
  }

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
      this.admission.invalidate();
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
      this.logger?.warn(
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
    const letterId = await this.letters.moveFromPending(tx, row, error);
    this.logger?.error(
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
      const applied = await this.applyTick(tx, this.sql, entries, writtenAt);
      done.pushes += 1;
      done.buckets += applied.buckets;
      done.replaced += applied.replaced.length;
      for (const r of applied.replaced.slice(0, 3)) {
        this.logger?.warn(
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

  async readSeries(
    sloRefs: string[],
    options: { minutesFromMs: number; hoursFromMs: number },
  ): Promise<Map<string, SliSeries>> {
    const result = new Map<string, SliSeries>(
      sloRefs.map(ref => [ref, { minutes: [], hours: [] }]),
    );
    for (let i = 0; i < sloRefs.length; i += BATCH) {
      const refs = sloRefs.slice(i, i + BATCH);
      const minutes = await this.db<MinuteRow>('sre_sli_minutes')
        .whereIn('slo_ref', refs)
        .andWhere('bucket_start', '>=', options.minutesFromMs)
        .orderBy(['slo_ref', 'bucket_start'])
        .select('slo_ref', 'bucket_start', 'good', 'total');
      for (const r of minutes) {
        result.get(r.slo_ref)!.minutes.push({
          startMs: Number(r.bucket_start),
          good: Number(r.good),
          total: Number(r.total),
        });
      }
      const hours = await this.db<HourRow>('sre_sli_hours')
        .whereIn('slo_ref', refs)
        .andWhere('bucket_start', '>=', options.hoursFromMs)
        .orderBy(['slo_ref', 'bucket_start'])
        .select();
      for (const r of hours) {
        result.get(r.slo_ref)!.hours.push({
          startMs: Number(r.bucket_start),
          good: Number(r.good),
          total: Number(r.total),
          goodSlices: Number(r.good_slices),
          badSlices: Number(r.bad_slices),
          ratioSum: Number(r.ratio_sum),
        });
      }
    }
    return result;
  }

  async readFlat(query: FlatSliQuery): Promise<FlatSliRows> {
    const result: FlatSliRows = {
      minutes: new Map(),
      hours: new Map(),
      hourStride: query.eventsOnly ? 3 : 6,
      reset: new Set(),
    };
    const pg = this.sql.isPostgres;
    // One text per SLO and table (string_agg / group_concat), parsed without an
    // object per row: reading millions of rows as objects costs far more. The
    // rows come in key order in practice; the reader copes with any order.
    const agg = (row: string) =>
      pg ? `string_agg(${row}, ',')` : `group_concat(${row}, ',')`;
    const ratio = pg ? 'ratio_sum::text' : "printf('%.17g', ratio_sum)";
    const minuteRow = `concat_ws(',', bucket_start, good, total)`;
    // Most SLOs count events, not slices: their slice columns are zero.
    const hourRow = query.eventsOnly
      ? minuteRow
      : `concat_ws(',', bucket_start, good, total) || CASE
      WHEN good_slices = 0 AND bad_slices = 0 AND ratio_sum = 0 THEN ',0,0,0'
      ELSE ',' || concat_ws(',', good_slices, bad_slices, ${ratio}) END`;
    const read = async (
      table: string,
      [fromMs, beforeMs]: [number, number | undefined],
      row: string,
      refs: string[] | undefined,
      into: Map<string, Float64Array>,
    ) => {
      const where = ['bucket_start >= ?'];
      const bindings: Array<string | number> = [fromMs];
      if (beforeMs !== undefined) {
        where.push('bucket_start < ?');
        bindings.push(beforeMs);
      }
      // With written_at, its index is the one to use: SQLite without statistics
      // would rather scan the primary key in GROUP BY order (every row).
      const from =
        query.writtenAfterMs !== undefined && !pg
          ? `${table} INDEXED BY ${table}_written_at_idx`
          : table;
      if (query.writtenAfterMs !== undefined) {
        where.push('written_at > ?');
        bindings.push(query.writtenAfterMs);
      }
      if (refs) {
        where.push(`slo_ref IN (${refs.map(() => '?').join(', ')})`);
        bindings.push(...refs);
      }
      const rows = (await this.sql.selectRaw(
        this.db,
        `SELECT slo_ref, ${agg(row)} AS v FROM ${from}
        WHERE ${where.join(' AND ')} GROUP BY slo_ref`,
        bindings,
      )) as Array<{ slo_ref: string; v: string }>;
      for (const r of rows) into.set(r.slo_ref, parseNumbers(r.v));
    };
    const batches = query.sloRefs ? chunks(query.sloRefs, 500) : [undefined];
    for (const refs of batches) {
      if (query.minutesFromMs !== undefined) {
        await read(
          'sre_sli_minutes',
          [query.minutesFromMs, undefined],
          minuteRow,
          refs,
          result.minutes,
        );
      }
      await read(
        'sre_sli_hours',
        [query.hoursFromMs, query.hoursBeforeMs],
        hourRow,
        refs,
        result.hours,
      );
    }
    if (query.writtenAfterMs !== undefined) {
      const resets = await this.db('sre_sli_resets')
        .where('written_at', '>', query.writtenAfterMs)
        .select('slo_ref');
      for (const r of resets) result.reset.add(r.slo_ref);
    }
    return result;
  }

  async prune(options: {
    minutesBeforeMs: number;
    hoursBeforeMs: number;
  }): Promise<void> {
    // What is still pending is pruned by a later run, once applied.
    await this.db('sre_sli_minutes')
      .where('bucket_start', '<', options.minutesBeforeMs)
      .delete();
    await this.db('sre_sli_hours')
      .where('bucket_start', '<', options.hoursBeforeMs)
      .delete();
    // Every reader has re-read these long before.
    await this.db('sre_sli_resets')
      .where('written_at', '<', options.minutesBeforeMs)
      .delete();
  }

  async queueStats(): Promise<SliQueueStats> {
    const [pending, letters] = await Promise.all([
      this.pendingSize(),
      this.letters.stats(),
    ]);
    return {
      ...pending,
      deadLetters: letters.count,
      oldestDeadLetterMs: letters.oldestFailedAtMs,
    };
  }

  async refusedPushes(sloRefs: string[]): Promise<Map<string, RefusedPushes>> {
    return this.letters.refusedPushes(sloRefs);
  }
}
