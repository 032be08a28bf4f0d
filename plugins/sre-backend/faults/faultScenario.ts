/**
 * One fault scenario end to end: a fresh database, two backend replicas on it,
 * exporters pushing to both, the scenario's faults, then the drain and the checks.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { guestToken } from '../bench/backendHarness';
import { AcceptedBatches } from './acceptedBatches';
import { readEvaluationSchedule } from './evaluationSchedule';
import { EvaluationTicketWatch } from './evaluationTicketWatch';
import { ExporterFleet, ingestMinutes } from './exporterFleet';
import { FaultContext, FaultInjector, KillRecord } from './faultContext';
import { FaultDatabase } from './faultDatabase';
import { faultSlos } from './faultOrganisation';
import { runFaultRounds } from './faultRounds';
import { PushLedger } from './pushLedger';
import { drainQueue } from './queueDrain';
import { mismatchesOf, runChecks } from './scenarioChecks';
import {
  createReplicas,
  restartDownReplicas,
  startReplicas,
  stopReplicas,
  waitForCatalog,
} from './scenarioReplicas';
import { summaryLines } from './scenarioReport';
import { STALL_SLACK_MS } from './scenarioSettings';
import { ScenarioTimeline } from './scenarioTimeline';
import { SeededRandom, sleep } from './seededRandom';
import { waitForEvaluationAfter } from './verifyFaultRun';

export type {
  FaultContext,
  FaultInjector,
  KillMoment,
  KillRecord,
} from './faultContext';

export type ScenarioResult = {
  name: string;
  lines: string[];
  mismatches: string[];
  warnings: string[];
  seconds: number;
};

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
  const timeline = new ScenarioTimeline(name);
  const { t0, log } = timeline;
  const rng = new SeededRandom(seed);
  const slos = faultSlos(8, 2);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sre-faults-${name}-`));
  const dbName = `sre_faults_${name.toLowerCase()}_${Date.now().toString(36)}`;
  const db = await FaultDatabase.create(dbName);
  const replicas = createReplicas(
    dir,
    slos,
    evaluationSeconds,
    db,
    options.port,
  );
  const lines: string[] = [];
  const mismatches: string[] = [];
  const warnings: string[] = [];
  const ledger = new PushLedger();
  const accepted = new AcceptedBatches();
  const exporters = new ExporterFleet();
  const tickets = new EvaluationTicketWatch(db);
  try {
    log(
      `database ${dbName}; starting replicas ${replicas
        .map(r => `${r.name} :${r.port}`)
        .join(', ')}`,
    );
    await startReplicas(replicas, log);
    const guest = await guestToken(replicas[0].base);
    await waitForCatalog(replicas[0], slos.length);
    const { evaluatorRuns } = await db.installWriteLogs();
    const loggedFrom = Date.now();
    const schedule = await readEvaluationSchedule(
      db,
      evaluationSeconds,
      warnings,
    );
    const { cadence, timing } = schedule;
    tickets.start();
    timeline.phase('setup');

    const minutes = ingestMinutes();
    // Forked before the faults' generator: the seed keeps making the same pushes.
    exporters.start({
      count: options.exporters,
      rng,
      slos,
      minutes,
      replicas,
      ledger,
      giveUpRefused: options.giveUpRefused,
      onAccepted: accepted.onAccepted,
    });
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
    await runFaultRounds(injector, ctx, timeline, lines);
    await sleep(options.tailSeconds * 1000);
    await exporters.stop();
    timeline.phase('ingest and faults');
    await restartDownReplicas(replicas, warnings);

    const { pendingAtEnd, drainedAt } = await drainQueue(db);
    lines.push(
      `queue: ${pendingAtEnd} pushes pending when ingest stopped (+${(
        (timeline.phaseStartMs - t0) /
        1000
      ).toFixed(0)}s), drained at +${((drainedAt - t0) / 1000).toFixed(0)}s`,
    );
    timeline.phase('drain');
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
    timeline.phase('evaluation wait');

    const checks = await runChecks({
      db,
      ledger,
      replicas,
      guest,
      slos,
      drainedAt,
      schedule,
      evaluatorRuns,
      t0,
      loggedFrom,
      tickets,
      kills,
      warnings,
    });
    timeline.phase('checks');
    mismatches.push(...mismatchesOf(checks, ledger));
    lines.push(...summaryLines({ ledger, checks, replicas, kills, schedule }));
  } catch (error) {
    mismatches.push(`ERROR ${error instanceof Error ? error.stack : error}`);
    for (const r of replicas) {
      console.error(
        `--- ${r.name} output (tail) ---\n${r.output().slice(-4000)}`,
      );
    }
  } finally {
    await exporters.settle();
    await tickets.stop();
    await stopReplicas(replicas, warnings);
    await db.drop().catch(e => warnings.push(`could not drop ${dbName}: ${e}`));
    fs.rmSync(dir, { recursive: true, force: true });
  }
  timeline.phase('teardown');
  lines.push(`phases: ${timeline.phases.join(', ')}`);
  return {
    name,
    lines,
    mismatches,
    warnings,
    seconds: (Date.now() - t0) / 1000,
  };
}
