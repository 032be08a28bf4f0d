/**
 * One fault scenario end to end: a fresh database, two backend replicas on it,
 * exporters pushing to both, the scenario's faults, then the drain and the checks.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { guestToken } from '../bench/backendHarness';
import { EvaluationTicketWatch } from './evaluationTicketWatch';
import { Exporter } from './exporter';
import { FaultDatabase } from './faultDatabase';
import {
  FaultSlo,
  faultSlos,
  writeReplicaConfig,
  writeSharedConfig,
} from './faultOrganisation';
import { PushLedger } from './pushLedger';
import { Replica } from './replicas';
import { SeededRandom, sleep } from './seededRandom';
import {
  SCHEDULER_JANITOR_PERIOD_MS,
  evaluationTaskTiming,
} from '../src/slos/evaluation/evaluationTask';
import {
  CheckResult,
  checkBuckets,
  checkEvaluationGaps,
  checkEvaluationRuns,
  checkHours,
  checkQueue,
  checkStatuses,
  hourSumsOf,
  readStoredMinutes,
  waitForEvaluationAfter,
} from './verifyFaultRun';

const HOUR = 3_600_000;
/** Slack on the evaluation stall bound: two busy cores run timers and queries late. */
const STALL_SLACK_MS = 10_000;
const MINUTE = 60_000;
/** The demo's static seeder token (app-config.yaml, backend.auth.externalAccess): it may push. */
const PUSH_TOKEN =
  process.env.SRE_SEED_TOKEN ?? 'sre-demo-seed-token-local-only';

export type FaultContext = {
  db: FaultDatabase;
  replicas: Replica[];
  rng: SeededRandom;
  slos: FaultSlo[];
  log: (line: string) => void;
  /** The kills so far (scenario A), for the evaluation gaps. */
  kills: KillRecord[];
  /** How long evaluation may stop after one run is left by a dead replica. */
  stallBoundMs: number;
  /**
   * Resolves true as soon as `replica` answers 202 to a push of at least
   * `buckets` buckets, false after `timeoutMs`.
   */
  acceptedBatch(
    replica: Replica,
    buckets: number,
    timeoutMs: number,
  ): Promise<boolean>;
};

export type KillMoment = 'apply' | 'batch' | 'evaluation';

/** One kill of a replica: when, whom, at which moment. */
export type KillRecord = {
  round: number;
  atMs: number;
  victim: string;
  moment: KillMoment;
};

export type FaultInjector = {
  rounds: number;
  /** One fault; returns the line that describes what happened. */
  inject(ctx: FaultContext, round: number): Promise<string>;
};

export type ScenarioResult = {
  name: string;
  lines: string[];
  mismatches: string[];
  warnings: string[];
  seconds: number;
};

/** Waiters for 202s, told by the exporters. */
class AcceptedBatches {
  private readonly waiters = new Set<(r: Replica, n: number) => void>();

  readonly onAccepted = (replica: Replica, buckets: number) => {
    for (const w of [...this.waiters]) w(replica, buckets);
  };

  wait(replica: Replica, buckets: number, timeoutMs: number) {
    return new Promise<boolean>(resolve => {
      let timer: NodeJS.Timeout | undefined = undefined;
      const waiter = (r: Replica, n: number) => {
        if (r !== replica || n < buckets) return;
        this.waiters.delete(waiter);
        clearTimeout(timer);
        resolve(true);
      };
      timer = setTimeout(() => {
        this.waiters.delete(waiter);
        resolve(false);
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}

export async function runScenario(options: {
  name: string;
  seed: number;
  port: number;
  injector: FaultInjector;
  evaluationSeconds: number;
  exporters: number;
  giveUpRefused: number;
  /** Pushing after the last fault. */
  tailSeconds: number;
}): Promise<ScenarioResult> {
  const { name, seed, injector, evaluationSeconds } = options;
  const t0 = Date.now();
  const phases: string[] = [];
  let phaseStart = t0;
  const phase = (label: string) => {
    phases.push(`${label} ${((Date.now() - phaseStart) / 1000).toFixed(0)} s`);
    phaseStart = Date.now();
  };
  const log = (line: string) =>
    console.log(
      `  [${name} +${((Date.now() - t0) / 1000).toFixed(0)}s] ${line}`,
    );
  const rng = new SeededRandom(seed);
  const slos = faultSlos(8, 2);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sre-faults-${name}-`));
  const dbName = `sre_faults_${name.toLowerCase()}_${Date.now().toString(36)}`;
  const db = await FaultDatabase.create(dbName);
  const shared = writeSharedConfig(dir, slos, evaluationSeconds);
  const replicas = ['a', 'b'].map(
    (r, i) =>
      new Replica(r, options.port + i, `faults-${r}`, [
        shared,
        writeReplicaConfig(dir, r, db.connection(`faults-${r}`)),
      ]),
  );
  const lines: string[] = [];
  const mismatches: string[] = [];
  const warnings: string[] = [];
  const ledger = new PushLedger();
  const accepted = new AcceptedBatches();
  let stopped = false;
  const isStopped = () => stopped;
  const running: Promise<void>[] = [];
  const tickets = new EvaluationTicketWatch(db);
  try {
    log(
      `database ${dbName}; starting replicas ${replicas
        .map(r => `${r.name} :${r.port}`)
        .join(', ')}`,
    );
    // One after the other: replicas that migrate a fresh database at the same
    // time race on knex's migration lock table and one of them fails to start.
    const ready: number[] = [];
    for (const r of replicas) ready.push(await r.start());
    log(
      `replicas ready after ${ready
        .map(ms => `${(ms / 1000).toFixed(0)} s`)
        .join(', ')}`,
    );
    const guest = await guestToken(replicas[0].base);
    await waitForCatalog(replicas[0], slos.length);
    const { evaluatorRuns } = await db.installWriteLogs();
    const loggedFrom = Date.now();
    const task = await db.evaluationTask();
    const cadence = task
      ? (JSON.parse(task.settings_json).cadence as string)
      : 'none';
    const intervalMs = isoSeconds(cadence) * 1000;
    // The bound on how long evaluation may stop after a kill, from the plugin's
    // own timings, with slack for a loaded machine (late timers and queries).
    const timing = evaluationTaskTiming(intervalMs);
    const timeout = task
      ? isoSeconds(JSON.parse(task.settings_json).timeoutAfterDuration) * 1000
      : NaN;
    if (timeout !== timing.timeoutMs) {
      warnings.push(
        `the evaluation task times out after ${timeout / 1000} s, not the ${
          timing.timeoutMs / 1000
        } s of evaluationTaskTiming`,
      );
    }
    if (isoSeconds(cadence) !== evaluationSeconds) {
      warnings.push(
        `the evaluation task runs every ${cadence}, not the ${evaluationSeconds} s of sre.evaluation.frequency`,
      );
    }
    tickets.start();
    phase('setup');

    // Whole hours of one-minute buckets, ending an hour before now: every bucket
    // is well inside the fine tier and the SLOs' 28-day windows.
    const hours = 6;
    const gridStart =
      Math.floor((Date.now() - (hours + 1) * HOUR) / HOUR) * HOUR;
    const minutes = Array.from(
      { length: hours * 60 },
      (_, i) => gridStart + i * MINUTE,
    );
    for (let w = 0; w < options.exporters; w++) {
      const owned = minutes.filter((_, i) => i % options.exporters === w);
      const exporter = new Exporter(
        rng.fork(w + 1),
        slos,
        owned,
        replicas,
        ledger,
        PUSH_TOKEN,
        {
          giveUpRefused: options.giveUpRefused,
          thinkMs: [50, 300],
          onAccepted: accepted.onAccepted,
        },
      );
      running.push(exporter.run(isStopped));
    }
    const kills: KillRecord[] = [];
    const ctx: FaultContext = {
      db,
      replicas,
      rng: rng.fork(1000),
      slos,
      log,
      kills,
      stallBoundMs: timing.worstStallMs + STALL_SLACK_MS,
      acceptedBatch: (r, n, ms) => accepted.wait(r, n, ms),
    };
    log(
      `${options.exporters} exporters pushing ${slos.length} SLOs x ${minutes.length} minutes; evaluation every ${cadence}`,
    );
    for (let round = 1; round <= injector.rounds; round++) {
      const line = await injector.inject(ctx, round);
      lines.push(`[+${((Date.now() - t0) / 1000).toFixed(0)}s] ${line}`);
      log(line);
    }
    await sleep(options.tailSeconds * 1000);
    stopped = true;
    await Promise.all(running);
    phase('ingest and faults');
    for (const r of replicas) {
      if (!r.alive) {
        warnings.push(
          `${r.name} was down at the end of ingest; restarted for the checks`,
        );
        await r.start();
      }
    }

    // Every replica applies the queue every few seconds (sre-sli-apply); the
    // backlog left when ingest stops drains at the rate the machine applies.
    const pendingAtEnd = await db.pendingPushes();
    const drainDeadline = Date.now() + 8 * 60_000;
    while ((await db.pendingPushes()) > 0 && Date.now() < drainDeadline) {
      await sleep(500);
    }
    const drainedAt = Date.now();
    lines.push(
      `queue: ${pendingAtEnd} pushes pending when ingest stopped (+${(
        (phaseStart - t0) /
        1000
      ).toFixed(0)}s), drained at +${((drainedAt - t0) / 1000).toFixed(0)}s`,
    );
    phase('drain');
    const evaluated = await waitForEvaluationAfter(
      db,
      slos,
      drainedAt,
      2 * 60_000,
    );
    if (!evaluated) {
      mismatches.push(
        `EVALUATION no run after the drain within ${
          (Date.now() - drainedAt) / 1000
        } s`,
      );
    }
    phase('evaluation wait');

    if (process.env.SRE_FAULTS_SABOTAGE === '1') {
      // Self-test of the checks: lose one stored bucket and skew one rollup.
      await db.rows(
        `DELETE FROM sre.sre_sli_minutes WHERE ctid IN (SELECT ctid FROM sre.sre_sli_minutes LIMIT 1)`,
      );
      await db.rows(
        `UPDATE sre.sre_sli_hours SET good = good + 1 WHERE ctid IN (SELECT ctid FROM sre.sre_sli_hours LIMIT 1)`,
      );
    }
    const stored = await readStoredMinutes(db);
    const buckets = checkBuckets(ledger, stored);
    const hoursCheck = await checkHours(db, hourSumsOf(stored, slos));
    const queue = await checkQueue(db);
    const statuses = await checkStatuses(
      replicas,
      guest,
      slos,
      stored,
      drainedAt,
    );
    const runs = await checkEvaluationRuns(
      db,
      intervalMs,
      evaluatorRuns,
      t0,
      loggedFrom,
    );
    await tickets.stop();
    const watched = tickets.summary(t0);
    runs.notes.push(watched.line);
    const gaps = checkEvaluationGaps({
      runs: runs.runs,
      kills,
      deadRunClaims: tickets.deadRunClaims(),
      perDeadRunMs: timing.worstStallMs,
      slackMs: STALL_SLACK_MS,
      t0Ms: t0,
      loggedFromMs: loggedFrom,
    });
    const stalledMs = Math.max(runs.maxIdleMs, watched.longestTimedOutMs);
    if (stalledMs > 3 * intervalMs) {
      warnings.push(
        `evaluation stalled for up to ${(stalledMs / 1000).toFixed(
          0,
        )} s (interval ${intervalMs / 1000} s)`,
      );
    }
    phase('checks');
    const all: CheckResult[] = [
      buckets,
      hoursCheck,
      queue,
      statuses,
      runs,
      gaps,
    ];
    for (const c of all) mismatches.push(...c.mismatches);

    const c = ledger.counters;
    const refusedLast = ledger.refusedLast();
    lines.push(
      `pushes: ${c.pushes} (${c.attempts} attempts): ${c.accepted} got 202 (${c.batchAccepted} batch, ${c.singleAccepted} single), ${c.refused} refused, ${c.unknown} without an answer; ${c.gaveUp} dropped by the exporter after a refusal`,
      `buckets accepted: ${c.bucketsAccepted} (${
        c.resentAccepted
      } re-sends of a 202'd bucket with new counts)${
        c.wrongAcceptedCount
          ? `; ${c.wrongAcceptedCount} 202s with a wrong accepted count`
          : ''
      }`,
      `not accepted, by answer: ${
        [...ledger.failures].map(([k, n]) => `${n}x ${k}`).join('; ') || 'none'
      }`,
      `checked from the database: ${buckets.checked} buckets (${
        stored.size
      } stored, ${buckets.uncertain} uncertain; ${
        refusedLast.buckets
      } whose last push was refused and dropped, ${
        refusedLast.withEarlier202
      } of them after an earlier 202), ${
        hoursCheck.checked
      } hourly rollups, ${queue.notes.join(', ')}`,
      `statuses: ${statuses.compared} SLOs read on ${replicas.length} replicas after the drain`,
      `evaluations: ${runs.notes.join('; ')}`,
    );
    if (kills.length) {
      lines.push(
        `evaluation stopped after a kill for at most ${(
          gaps.longestMs / 1000
        ).toFixed(1)} s (per run left by a dead replica at most ${(
          timing.worstStallMs / 1000
        ).toFixed(0)} s: interval ${
          intervalMs / 1000
        } s + work check + timeout ${timing.timeoutMs / 1000} s + janitor ${
          SCHEDULER_JANITOR_PERIOD_MS / 1000
        } s + work check; + ${
          STALL_SLACK_MS / 1000
        } s slack): ${gaps.notes.join('; ')}`,
      );
    }
    if (c.wrongAcceptedCount) {
      mismatches.push(
        `ACCEPTED COUNT ${c.wrongAcceptedCount} 202s named another number of buckets than sent`,
      );
    }
  } catch (error) {
    mismatches.push(`ERROR ${error instanceof Error ? error.stack : error}`);
    for (const r of replicas) {
      console.error(
        `--- ${r.name} output (tail) ---\n${r.output().slice(-4000)}`,
      );
    }
  } finally {
    stopped = true;
    await Promise.allSettled(running);
    await tickets.stop();
    for (const r of replicas) warnings.push(...r.unexpectedExits);
    await Promise.all(replicas.map(r => r.stop()));
    await db.drop().catch(e => warnings.push(`could not drop ${dbName}: ${e}`));
    fs.rmSync(dir, { recursive: true, force: true });
  }
  phase('teardown');
  lines.push(`phases: ${phases.join(', ')}`);
  return {
    name,
    lines,
    mismatches,
    warnings,
    seconds: (Date.now() - t0) / 1000,
  };
}

async function waitForCatalog(replica: Replica, count: number) {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      const res = await fetch(
        `${replica.base}/api/catalog/entities/by-query?filter=kind=slo&limit=1`,
        { headers: { Authorization: `Bearer ${PUSH_TOKEN}` } },
      );
      if (res.ok && (await res.json()).totalItems >= count) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) {
      throw new Error('timed out waiting for the catalog to hold the SLOs');
    }
    await sleep(1000);
  }
}

/** Seconds of an ISO 8601 duration such as PT5S or PT1M30S. */
function isoSeconds(duration: string): number {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(duration);
  if (!m) return NaN;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}
