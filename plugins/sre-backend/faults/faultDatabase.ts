/**
 * A fresh PostgreSQL database per fault run on the shared test server: both
 * replicas use it (one schema per plugin), the checks read it, and it is dropped
 * at the end.
 */
import knexFactory, { Knex } from 'knex';
import { SERVER_PORT, SERVER_URL } from './postgresServer';
import { sleep } from './seededRandom';

/** pg_advisory_xact_lock key of the SLI applier (DatabaseSliStore, "sres"). */
export const APPLY_LOCK_KEY = 0x73726573;

export type EvaluationTaskRow = {
  settings_json: string;
  current_run_ticket: string | null;
  current_run_started_at: Date | null;
  last_run_error_json: string | null;
};

export class FaultDatabase {
  private constructor(readonly name: string, readonly knex: Knex) {}

  /**
   * Creates the database. Commits are made synchronous in it: the shared server
   * runs with synchronous_commit=off for speed, which would let a crash of the
   * server lose commits that a real deployment keeps, and those would look like
   * lost pushes.
   */
  static async create(name: string): Promise<FaultDatabase> {
    await withAdmin(async admin => {
      await admin.raw(`CREATE DATABASE ??`, [name]);
      await admin.raw(`ALTER DATABASE ?? SET synchronous_commit = on`, [name]);
    });
    const knex = knexFactory({
      client: 'pg',
      connection: `${SERVER_URL}/${name}`,
      pool: { min: 0, max: 4 },
      acquireConnectionTimeout: 10_000,
      // Broken connections during a server restart are expected; queries retry.
      log: { warn() {}, error() {}, deprecate() {}, debug() {} },
    });
    return new FaultDatabase(name, knex);
  }

  /** The backend's `backend.database.connection`, named so pg_stat_activity tells replicas apart. */
  connection(applicationName: string) {
    return {
      host: '127.0.0.1',
      port: SERVER_PORT,
      user: 'postgres',
      database: this.name,
      application_name: applicationName,
    };
  }

  /** Rows of a query; retried while the server restarts. */
  async rows<T = Record<string, unknown>>(
    sql: string,
    bindings: readonly Knex.RawBinding[] = [],
    attempts = 60,
  ): Promise<T[]> {
    for (let i = 1; ; i++) {
      try {
        const result = await this.knex.raw(sql, bindings);
        return result.rows as T[];
      } catch (error) {
        if (i >= attempts) throw error;
        await sleep(500);
      }
    }
  }

  async tableExists(schema: string, table: string): Promise<boolean> {
    const rows = await this.rows(
      `SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?`,
      [schema, table],
    );
    return rows.length > 0;
  }

  /**
   * Test-only triggers that log every write of an SLO status and of the
   * evaluator's run record (when that table exists), in the public schema: the
   * tables themselves keep only the latest row, and runs must be counted.
   */
  async installWriteLogs(): Promise<{ evaluatorRuns: boolean }> {
    await this.knex.raw(`
      CREATE TABLE public.faults_status_writes (
        id bigserial PRIMARY KEY,
        slo_ref text NOT NULL,
        evaluated_at bigint NOT NULL,
        logged_at timestamptz NOT NULL DEFAULT clock_timestamp()
      );
      CREATE FUNCTION public.faults_log_status() RETURNS trigger
      LANGUAGE plpgsql AS $$ BEGIN
        INSERT INTO public.faults_status_writes (slo_ref, evaluated_at)
        VALUES (NEW.slo_ref, NEW.evaluated_at);
        RETURN NEW;
      END $$;
      CREATE TRIGGER faults_log_status AFTER INSERT OR UPDATE ON sre.sre_slo_status
        FOR EACH ROW EXECUTE FUNCTION public.faults_log_status();
    `);
    const evaluatorRuns = await this.tableExists(
      'sre',
      'sre_slo_evaluator_runs',
    );
    if (evaluatorRuns) {
      await this.knex.raw(`
        CREATE TABLE public.faults_run_writes (
          id bigserial PRIMARY KEY,
          kind text NOT NULL,
          started_at bigint NOT NULL,
          duration_ms bigint,
          failed boolean NOT NULL,
          logged_at timestamptz NOT NULL DEFAULT clock_timestamp()
        );
        CREATE FUNCTION public.faults_log_run() RETURNS trigger
        LANGUAGE plpgsql AS $$ BEGIN
          INSERT INTO public.faults_run_writes (kind, started_at, duration_ms, failed)
          VALUES (NEW.kind, NEW.started_at, NEW.duration_ms, NEW.error IS NOT NULL);
          RETURN NEW;
        END $$;
        CREATE TRIGGER faults_log_run AFTER INSERT OR UPDATE ON sre.sre_slo_evaluator_runs
          FOR EACH ROW EXECUTE FUNCTION public.faults_log_run();
      `);
    }
    return { evaluatorRuns };
  }

  /** Application names of the sessions that hold the SLI applier's lock now. */
  async applyLockHolders(): Promise<string[]> {
    const rows = await this.rows<{ application_name: string }>(
      `SELECT a.application_name FROM pg_locks l
       JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.granted
         AND l.classid = 0 AND l.objid = ? AND l.objsubid = 1
         AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [APPLY_LOCK_KEY],
      1,
    );
    return rows.map(r => r.application_name);
  }

  /**
   * Holds back every write of the evaluator's run record (an EXCLUSIVE lock on
   * its table in a transaction of this harness; reads pass): the replica whose
   * evaluation run reaches its end waits there, its scheduler ticket held.
   * `waiting` names the replicas (application names) waiting on it.
   */
  async holdRunRecords(): Promise<{
    waiting(): Promise<string[]>;
    release(): Promise<void>;
  }> {
    const trx = await this.knex.transaction();
    await trx.raw('LOCK TABLE sre.sre_slo_evaluator_runs IN EXCLUSIVE MODE');
    return {
      waiting: async () => {
        const rows = await this.rows<{ application_name: string }>(
          `SELECT a.application_name FROM pg_locks l
           JOIN pg_stat_activity a ON a.pid = l.pid
           WHERE l.locktype = 'relation' AND NOT l.granted
             AND l.relation = 'sre.sre_slo_evaluator_runs'::regclass`,
          [],
          1,
        );
        return rows.map(r => r.application_name);
      },
      release: async () => {
        if (!trx.isCompleted()) await trx.commit();
      },
    };
  }

  /** Whether a successful evaluation run was recorded after `sinceMs` (the write logs). */
  async evaluatedSince(sinceMs: number): Promise<boolean> {
    const rows = await this.rows(
      `SELECT 1 FROM public.faults_run_writes
       WHERE kind = 'last' AND NOT failed AND logged_at > to_timestamp(? / 1000.0)
       LIMIT 1`,
      [sinceMs],
      1,
    );
    return rows.length > 0;
  }

  /** The SLO evaluation task's row of the scheduler (one try: callers poll). */
  async evaluationTask(): Promise<EvaluationTaskRow | undefined> {
    const [row] = await this.rows<EvaluationTaskRow>(
      `SELECT settings_json, current_run_ticket, current_run_started_at, last_run_error_json
       FROM sre.backstage_backend_tasks__tasks WHERE id = 'sre-slo-evaluation'`,
      [],
      1,
    );
    return row;
  }

  async pendingPushes(): Promise<number> {
    const [row] = await this.rows<{ n: string }>(
      `SELECT COUNT(*) AS n FROM sre.sre_sli_pending`,
    );
    return Number(row.n);
  }

  /** Closes the pool and drops the database (ending what still connects to it). */
  async drop(): Promise<void> {
    await this.knex.destroy();
    await withAdmin(async admin => {
      await admin.raw(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()`,
        [this.name],
      );
      await admin.raw(`DROP DATABASE IF EXISTS ??`, [this.name]);
    });
  }
}

async function withAdmin(fn: (admin: Knex) => Promise<void>) {
  const admin = knexFactory({
    client: 'pg',
    connection: `${SERVER_URL}/postgres`,
    pool: { min: 0, max: 1 },
  });
  try {
    await fn(admin);
  } finally {
    await admin.destroy();
  }
}
