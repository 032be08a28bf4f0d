import { LoggerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import {
  AppliedPending,
  FlatSliQuery,
  FlatSliRows,
  RefusedPushes,
  SliCacheSnapshotStore,
  SliDeadLetterStore,
  SliQueueStats,
  SliSeries,
  SliStore,
  SliTickEntry,
} from './SliStore';
import { DatabaseSliCacheSnapshots } from '../evaluation/DatabaseSliCacheSnapshots';
import { DatabaseSliDeadLetters } from '../ingest/DatabaseSliDeadLetters';
import { applySliTick } from '../ingest/applySliTick';
import {
  DEFAULT_SLI_QUEUE_LIMITS,
  SliQueueLimits,
} from '../ingest/queueLimits';
import { SqlDialect } from '../../database/sqlDialect';
import { PendingSliApplier } from './PendingSliApplier';
import { PendingSliQueue } from './PendingSliQueue';
import { countReplaced } from './countReplaced';
import { readFlat, readSeries } from './sliReads';
import { pruneSli } from './sliRetention';

export { parseNumbers } from './sliReads';

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
  private readonly queue: PendingSliQueue;
  private readonly applier: PendingSliApplier;
  private readonly letters: DatabaseSliDeadLetters;

  private constructor(
    private readonly db: Knex,
    options: Omit<DatabaseSliStoreOptions, 'client'>,
  ) {
    this.sql = new SqlDialect(db);
    this.queue = new PendingSliQueue(
      db,
      options.queueLimits ?? DEFAULT_SLI_QUEUE_LIMITS,
    );
    const admission = this.queue.admission;
    // A requeued dead letter is a push again: within the queue's bounds.
    this.letters = new DatabaseSliDeadLetters(db, this.sql, bytes =>
      admission.reserve(bytes),
    );
    this.applier = new PendingSliApplier(db, this.sql, {
      letters: this.letters,
      admission,
      applyTick: options.applyTick ?? applySliTick,
      logger: options.logger,
    });
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
    return this.queue.append(entries, options);
  }

  async countReplaced(entries: SliTickEntry[]): Promise<Map<string, number>> {
    return countReplaced(this.db, this.sql, entries);
  }

  async applyPending(): Promise<AppliedPending> {
    return this.applier.applyPending();
  }

  async readSeries(
    sloRefs: string[],
    options: { minutesFromMs: number; hoursFromMs: number },
  ): Promise<Map<string, SliSeries>> {
    return readSeries(this.db, sloRefs, options);
  }

  async readFlat(query: FlatSliQuery): Promise<FlatSliRows> {
    return readFlat(this.db, this.sql, query);
  }

  async prune(options: {
    minutesBeforeMs: number;
    hoursBeforeMs: number;
  }): Promise<void> {
    return pruneSli(this.db, options);
  }

  async queueStats(): Promise<SliQueueStats> {
    const [pending, letters] = await Promise.all([
      this.queue.size(),
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
