/* eslint-disable no-console */
/**
 * Fault tests with real processes: no SLI push that got a 202 is lost or applied
 * twice when backend replicas crash or the database restarts.
 *
 *   yarn test:faults      (from the repository root; about 7 minutes per scenario)
 *
 * A: two replicas of packages/backend on one fresh PostgreSQL database, exporters
 *    pushing to both (single and batch pushes, re-sends with new counts), one
 *    replica SIGKILLed (its process group) per round and restarted: first while
 *    it applies the queue, then right after it accepted a large batch, or while
 *    it runs the evaluation (its scheduler ticket held). B: the same with
 *    `pg_ctl restart -m immediate` of the shared server (scripts/postgres.sh)
 *    instead: other users of it see a brief outage.
 * Then the queue is drained and the database and both replicas are checked (see
 * verifyFaultRun.ts); in A also how long evaluation stopped after each kill,
 * against the bound of evaluationTaskTiming (a dead run's ticket stays until
 * the task's timeout and the scheduler's janitor, once a minute, clears it).
 * Prints a summary; exits 1 on any mismatch.
 *
 * Env: SRE_FAULTS_SCENARIOS (A,B), SRE_FAULTS_SEED (20261202), SRE_FAULTS_KILLS (4),
 * SRE_FAULTS_DB_RESTARTS (2), SRE_FAULTS_EVALUATION_SECONDS (5),
 * SRE_FAULTS_EXPORTERS (6), SRE_FAULTS_TAIL_SECONDS (5, pushing after the last
 * fault), SRE_FAULTS_PORT (7481, and the next three),
 * SRE_FAULTS_LOG_LEVEL (warn; the replicas' LOG_LEVEL), SRE_FAULTS_SABOTAGE=1 (a
 * self-test: deletes one stored bucket and skews one rollup before the checks,
 * which must then fail).
 */
import { databaseRestarts } from './databaseRestarts';
import { ScenarioResult, runScenario } from './faultScenario';
import { ensureServerRunning } from './postgresServer';
import { replicaKills } from './replicaKills';
import { allReplicas } from './replicas';

const env = (name: string, fallback: number) =>
  Number(process.env[name] ?? fallback);

async function main() {
  const scenarios = (process.env.SRE_FAULTS_SCENARIOS ?? 'A,B')
    .split(',')
    .map(s => s.trim().toUpperCase());
  const seed = env('SRE_FAULTS_SEED', 20261202);
  const port = env('SRE_FAULTS_PORT', 7481);
  const common = {
    seed,
    evaluationSeconds: env('SRE_FAULTS_EVALUATION_SECONDS', 5),
    exporters: env('SRE_FAULTS_EXPORTERS', 6),
    tailSeconds: env('SRE_FAULTS_TAIL_SECONDS', 5),
  };
  await ensureServerRunning();
  console.log(
    `SLI fault tests, seed ${seed}, scenarios ${scenarios.join(', ')}`,
  );
  const results: ScenarioResult[] = [];
  if (scenarios.includes('A')) {
    results.push(
      await runScenario({
        ...common,
        name: 'A',
        port,
        injector: replicaKills(env('SRE_FAULTS_KILLS', 4)),
        giveUpRefused: 0.5,
      }),
    );
  }
  if (scenarios.includes('B')) {
    try {
      results.push(
        await runScenario({
          ...common,
          name: 'B',
          seed: seed + 1,
          port: port + 2,
          injector: databaseRestarts(env('SRE_FAULTS_DB_RESTARTS', 2)),
          giveUpRefused: 0.5,
        }),
      );
    } finally {
      // Whatever happened, the shared server is left running.
      await ensureServerRunning();
    }
  }
  const titles: Record<string, string> = {
    A: 'replica SIGKILL while applying',
    B: 'PostgreSQL restart -m immediate during ingest',
  };
  console.log('\n=== SLI fault tests: summary ===');
  let failed = 0;
  for (const r of results) {
    console.log(
      `\nScenario ${r.name} (${titles[r.name]}): ${r.seconds.toFixed(0)} s`,
    );
    for (const line of r.lines) console.log(`  ${line}`);
    for (const w of r.warnings) console.log(`  WARNING ${w}`);
    console.log(`  mismatches: ${r.mismatches.length}`);
    for (const m of r.mismatches) console.log(`    ${m}`);
    failed += r.mismatches.length;
  }
  const total = results.reduce((s, r) => s + r.seconds, 0);
  console.log(
    `\n${failed ? 'FAILED' : 'PASSED'}: ${results
      .map(r => `${r.name} ${r.mismatches.length} mismatches`)
      .join(', ')}; ${total.toFixed(0)} s in all`,
  );
  process.exitCode = failed ? 1 : 0;
}

// Interrupted: no replica may outlive the run, and the shared server must be up.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    Promise.allSettled([...allReplicas].map(r => r.kill()))
      .then(() => ensureServerRunning())
      .finally(() => process.exit(130));
  });
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
