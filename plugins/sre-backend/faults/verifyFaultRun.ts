/**
 * The checks after a fault run, from the database and both replicas' answers:
 * every 202'd bucket stored once with its last 202'd counts, nothing stored that
 * got no 202, hourly rollups equal to their minutes, the queue empty, identical
 * and correct statuses on every replica, and one evaluation per interval.
 */
import { FaultDatabase } from './faultDatabase';
import { FaultSlo } from './faultOrganisation';
import { Counts, PushLedger, bucketKey, sameCounts } from './pushLedger';
import type { KillRecord } from './faultScenario';
import { Replica } from './replicas';
import { sleep } from './seededRandom';

const HOUR = 3_600_000;

export type CheckResult = { mismatches: string[]; notes: string[] };

type StoredMinute = Counts & {
  sloRef: string;
  startMs: number;
  seconds: number;
};

const show = (c: Counts | undefined) =>
  c ? `${c.good}/${c.total}` : 'nothing';

/** Mismatches listed one per line, at most `limit` of each kind, then a count. */
function capped(lines: string[], limit = 10): string[] {
  return lines.length <= limit
    ? lines
    : [...lines.slice(0, limit), `... and ${lines.length - limit} more`];
}

export async function readStoredMinutes(
  db: FaultDatabase,
): Promise<Map<string, StoredMinute>> {
  const rows = await db.rows<{
    slo_ref: string;
    bucket_start: string;
    bucket_seconds: number;
    good: string;
    total: string;
  }>(
    `SELECT slo_ref, bucket_start, bucket_seconds, good, total FROM sre.sre_sli_minutes`,
  );
  const result = new Map<string, StoredMinute>();
  for (const r of rows) {
    const startMs = Number(r.bucket_start);
    const key = bucketKey(r.slo_ref, startMs);
    // The primary key forbids two rows of one bucket; count them anyway.
    if (result.has(key)) throw new Error(`bucket ${key} is stored twice`);
    result.set(key, {
      sloRef: r.slo_ref,
      startMs,
      seconds: r.bucket_seconds,
      good: Number(r.good),
      total: Number(r.total),
    });
  }
  return result;
}

/** Stored buckets against the ledger of pushes. */
export function checkBuckets(
  ledger: PushLedger,
  stored: Map<string, StoredMinute>,
): CheckResult & { checked: number; uncertain: number } {
  const lost: string[] = [];
  const outOfOrder: string[] = [];
  const withoutAccept: string[] = [];
  const wrong: string[] = [];
  let uncertain = 0;
  const keys = ledger.keys();
  for (const key of keys) {
    const e = ledger.expectation(key);
    const s = stored.get(key);
    const counts = s ? { good: s.good, total: s.total } : undefined;
    if (s && s.seconds !== 60) {
      wrong.push(`${key}: stored as a ${s.seconds}s bucket, pushed as 60s`);
      continue;
    }
    if (e.allowed.some(a => sameCounts(a, counts))) {
      if (e.allowed.length > 1) uncertain++;
      continue;
    }
    const line = `${key}: stored ${show(counts)}, expected ${e.allowed
      .map(show)
      .join(' or ')}`;
    if (!counts) lost.push(`${line} (a 202'd bucket is missing)`);
    else if (e.older.some(o => sameCounts(o, counts))) {
      outOfOrder.push(`${line} (an earlier 202'd push won)`);
    } else if (e.refused.some(o => sameCounts(o, counts))) {
      withoutAccept.push(`${line} (counts of a push that got no 202)`);
    } else wrong.push(line);
  }
  const known = new Set(keys);
  for (const [key, s] of stored) {
    if (!known.has(key)) {
      withoutAccept.push(
        `${key}: stored ${show(s)} but never pushed by this run`,
      );
    }
  }
  const mismatches = [
    ...capped(lost.map(l => `LOST ${l}`)),
    ...capped(outOfOrder.map(l => `OUT OF ORDER ${l}`)),
    ...capped(withoutAccept.map(l => `STORED WITHOUT 202 ${l}`)),
    ...capped(wrong.map(l => `WRONG ${l}`)),
  ];
  const total =
    lost.length + outOfOrder.length + withoutAccept.length + wrong.length;
  if (total > mismatches.length) {
    mismatches.push(`(${total} bucket mismatches in all)`);
  }
  return { mismatches, notes: [], checked: keys.length, uncertain };
}

type HourSums = Counts & {
  goodSlices: number;
  badSlices: number;
  ratioSum: number;
};

/** Per SLO and hour, the sums (and one-minute slice counts) of the stored minutes. */
export function hourSumsOf(
  stored: Map<string, StoredMinute>,
  slos: FaultSlo[],
): Map<string, HourSums> {
  const target = new Map(slos.map(s => [s.ref, s.sliceTarget]));
  const sums = new Map<string, HourSums>();
  for (const m of stored.values()) {
    const hour = Math.floor(m.startMs / HOUR) * HOUR;
    const key = bucketKey(m.sloRef, hour);
    let h = sums.get(key);
    if (!h) {
      h = { good: 0, total: 0, goodSlices: 0, badSlices: 0, ratioSum: 0 };
      sums.set(key, h);
    }
    h.good += m.good;
    h.total += m.total;
    const sliceTarget = target.get(m.sloRef);
    if (sliceTarget !== undefined && m.total > 0) {
      const ratio = m.good / m.total;
      if (ratio >= sliceTarget) h.goodSlices++;
      else h.badSlices++;
      h.ratioSum += ratio;
    }
  }
  return sums;
}

/** Hourly rollups against the sums of their stored minutes. */
export async function checkHours(
  db: FaultDatabase,
  expected: Map<string, HourSums>,
): Promise<CheckResult & { checked: number }> {
  const rows = await db.rows<{
    slo_ref: string;
    bucket_start: string;
    good: string;
    total: string;
    good_slices: number;
    bad_slices: number;
    ratio_sum: number;
    backfilled: boolean;
  }>(
    `SELECT slo_ref, bucket_start, good, total, good_slices, bad_slices, ratio_sum, backfilled
     FROM sre.sre_sli_hours`,
  );
  const mismatches: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const key = bucketKey(r.slo_ref, Number(r.bucket_start));
    seen.add(key);
    const e = expected.get(key);
    if (!e) {
      mismatches.push(`ROLLUP ${key}: an hour without stored minutes`);
      continue;
    }
    const got = `${r.good}/${r.total} slices ${r.good_slices}+${r.bad_slices} ratioSum ${r.ratio_sum}`;
    const want = `${e.good}/${e.total} slices ${e.goodSlices}+${e.badSlices} ratioSum ${e.ratioSum}`;
    if (
      Number(r.good) !== e.good ||
      Number(r.total) !== e.total ||
      r.good_slices !== e.goodSlices ||
      r.bad_slices !== e.badSlices ||
      Math.abs(r.ratio_sum - e.ratioSum) > 1e-9 ||
      r.backfilled
    ) {
      mismatches.push(
        `ROLLUP ${key}: stored ${got}${
          r.backfilled ? ' (backfilled)' : ''
        }, its minutes sum to ${want}`,
      );
    }
  }
  for (const key of expected.keys()) {
    if (!seen.has(key))
      mismatches.push(`ROLLUP ${key}: no rollup for stored minutes`);
  }
  return { mismatches: capped(mismatches), notes: [], checked: rows.length };
}

/** The queue must be empty and no accepted push may have become a dead letter. */
export async function checkQueue(db: FaultDatabase): Promise<CheckResult> {
  const mismatches: string[] = [];
  const notes: string[] = [];
  const pending = await db.pendingPushes();
  if (pending)
    mismatches.push(`QUEUE ${pending} pushes still pending after the drain`);
  if (await db.tableExists('sre', 'sre_sli_dead_letters')) {
    const letters = await db.rows<{
      id: string;
      error: string;
      buckets: number;
    }>(`SELECT id, error, buckets FROM sre.sre_sli_dead_letters ORDER BY id`);
    for (const l of letters) {
      mismatches.push(
        `DEAD LETTER #${l.id} (${l.buckets} buckets of 202'd pushes not applied): ${l.error}`,
      );
    }
    notes.push(`${letters.length} dead letters`);
  } else {
    notes.push('no dead-letter table in this tree');
  }
  const [resets] = await db.rows<{ n: string }>(
    `SELECT COUNT(*) AS n FROM sre.sre_sli_resets`,
  );
  if (Number(resets.n)) {
    mismatches.push(
      `RESETS ${resets.n} SLOs marked as having buckets replaced by another size, but every push used 60s buckets`,
    );
  }
  return { mismatches: capped(mismatches), notes };
}

type Status = {
  sloRef: string;
  sli: number | null;
  budget: { consumed: number | null };
  dataState: string;
  evaluatedAt: string;
  stale?: unknown;
};

async function getStatus(replica: Replica, token: string, slo: FaultSlo) {
  const res = await fetch(
    `${replica.base}/api/sre/slos/default/${slo.name}/status`,
    {
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(10_000),
    },
  );
  if (!res.ok)
    throw new Error(
      `${replica.name} ${slo.name}: ${res.status} ${await res.text()}`,
    );
  return (await res.json()) as Status;
}

/** Stable JSON of a status without the age a replica adds when it reads it. */
function canonical(status: Status): string {
  const { stale: _stale, ...rest } = status;
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (!v || typeof v !== 'object') return v;
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map(k => [k, sort((v as Record<string, unknown>)[k])]),
    );
  };
  return JSON.stringify(sort(rest));
}

/** Whether every replica answered with the same evaluation, one that started after `sinceMs`. */
function oneEvaluationAfter(
  statuses: Status[],
  replicas: number,
  sinceMs: number,
): boolean {
  if (statuses.length !== replicas) return false;
  const first = statuses[0].evaluatedAt;
  return statuses.every(
    s => Date.parse(s.evaluatedAt) >= sinceMs && s.evaluatedAt === first,
  );
}

/**
 * Every replica's status of every SLO, once all show an evaluation that started
 * after the queue was drained: identical, and equal to what the stored buckets
 * give (request SLOs: good/total and bad events; time-slice SLOs: good slices
 * and bad minutes).
 */
export async function checkStatuses(
  replicas: Replica[],
  token: string,
  slos: FaultSlo[],
  stored: Map<string, StoredMinute>,
  drainedAtMs: number,
): Promise<CheckResult & { compared: number }> {
  const mismatches: string[] = [];
  const hours = hourSumsOf(stored, slos);
  let compared = 0;
  for (const slo of slos) {
    let statuses: Status[] = [];
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        statuses = await Promise.all(
          replicas.map(r => getStatus(r, token, slo)),
        );
      } catch (error) {
        statuses = [];
        if (Date.now() > deadline) {
          mismatches.push(`STATUS ${slo.ref}: ${error}`);
          break;
        }
      }
      if (oneEvaluationAfter(statuses, replicas.length, drainedAtMs)) break;
      if (Date.now() > deadline) {
        mismatches.push(
          `STATUS ${slo.ref}: no common evaluation after the drain: ${statuses
            .map((s, i) => `${replicas[i].name} ${s.evaluatedAt}`)
            .join(', ')}`,
        );
        break;
      }
      await sleep(1000);
    }
    if (statuses.length !== replicas.length) continue;
    compared++;
    const texts = statuses.map(canonical);
    texts.forEach((t, i) => {
      if (t !== texts[0]) {
        mismatches.push(
          `STATUS ${slo.ref}: ${replicas[i].name} serves ${t.slice(
            0,
            300,
          )} but ${replicas[0].name} ${texts[0].slice(0, 300)}`,
        );
      }
    });
    let good = 0;
    let total = 0;
    let goodSlices = 0;
    let badSlices = 0;
    for (const [key, h] of hours) {
      if (!key.startsWith(`${slo.ref}|`)) continue;
      good += h.good;
      total += h.total;
      goodSlices += h.goodSlices;
      badSlices += h.badSlices;
    }
    const s = statuses[0];
    const [wantSli, wantConsumed] =
      slo.method === 'Occurrences'
        ? [good / total, total - good]
        : [goodSlices / (goodSlices + badSlices), badSlices];
    if (
      s.dataState !== 'ok' ||
      s.sli === null ||
      Math.abs(s.sli - wantSli) > 1e-12 ||
      s.budget.consumed === null ||
      Math.abs(s.budget.consumed - wantConsumed) > 1e-6
    ) {
      mismatches.push(
        `STATUS ${slo.ref}: sli ${s.sli}, consumed ${s.budget.consumed} (${s.dataState}); the stored buckets give sli ${wantSli}, consumed ${wantConsumed}`,
      );
    }
  }
  return { mismatches: capped(mismatches), notes: [], compared };
}

/**
 * Evaluation runs from the test triggers' logs: each run writes its record (start
 * and duration; when the table exists) and stamps every status it writes with its
 * start. Two runs that overlap, or start closer than half the interval, ran twice
 * in one interval. Long runs and idle stretches are listed against `t0Ms`.
 */
export async function checkEvaluationRuns(
  db: FaultDatabase,
  intervalMs: number,
  hasRunLog: boolean,
  t0Ms: number,
  /** When the logs started: a first run long after it is idle time too. */
  loggedFromMs: number,
): Promise<CheckResult & { runs: EvaluationRun[]; maxIdleMs: number }> {
  const mismatches: string[] = [];
  const notes: string[] = [];
  const at = (ms: number) => `+${((ms - t0Ms) / 1000).toFixed(0)}s`;
  const byStatus = await db.rows<{
    evaluated_at: string;
    writes: string;
    slos: string;
  }>(
    `SELECT evaluated_at, COUNT(*) AS writes, COUNT(DISTINCT slo_ref) AS slos
     FROM public.faults_status_writes GROUP BY evaluated_at ORDER BY evaluated_at`,
  );
  const statusStarts = byStatus.map(r => Number(r.evaluated_at));
  const rewrites = byStatus.filter(
    r => Number(r.writes) > Number(r.slos),
  ).length;
  let runs: EvaluationRun[] = statusStarts.map(start => ({ start }));
  if (hasRunLog) {
    const rows = await db.rows<{
      started_at: string;
      duration_ms: string;
      failed: boolean;
    }>(
      `SELECT started_at, MAX(duration_ms) AS duration_ms, bool_or(failed) AS failed
       FROM public.faults_run_writes WHERE kind = 'last'
       GROUP BY started_at ORDER BY started_at`,
    );
    runs = rows.map(r => ({
      start: Number(r.started_at),
      duration: Number(r.duration_ms),
      failed: r.failed,
    }));
    const recorded = new Set(runs.map(r => r.start));
    const unrecorded = statusStarts.filter(s => !recorded.has(s)).length;
    if (unrecorded) {
      notes.push(`${unrecorded} runs wrote statuses but no run record`);
    }
  }
  let maxIdleMs = 0;
  const idle: string[] = [];
  const long: string[] = [];
  runs.forEach((run, i) => {
    if (run.duration !== undefined && run.duration > 3 * intervalMs) {
      long.push(`${at(run.start)} took ${(run.duration / 1000).toFixed(0)} s`);
    }
    const prev = i > 0 ? runs[i - 1] : { start: loggedFromMs, duration: 0 };
    const prevEnd = prev.start + (prev.duration ?? 0);
    if (
      i > 0 &&
      (run.start - prev.start < intervalMs / 2 ||
        (prev.duration !== undefined && run.start < prevEnd))
    ) {
      mismatches.push(
        `EVALUATION twice in one interval: runs started ${at(prev.start)} (${
          prev.duration ?? '?'
        } ms) and ${at(run.start)}, ${
          run.start - prev.start
        } ms apart (interval ${intervalMs} ms)`,
      );
    }
    const idleMs = run.start - prevEnd;
    maxIdleMs = Math.max(maxIdleMs, idleMs);
    if (idleMs > 3 * intervalMs) {
      idle.push(
        `none from ${at(prevEnd)} to ${at(run.start)} (${(
          idleMs / 1000
        ).toFixed(0)} s)`,
      );
    }
  });
  const failed = runs.filter(r => r.failed).length;
  notes.unshift(
    `${runs.length} runs (${statusStarts.length} wrote statuses${
      failed ? `, ${failed} failed` : ''
    }${
      rewrites ? `, ${rewrites} wrote an SLO's status twice` : ''
    }), none overlapping or closer than half the interval`,
  );
  if (long.length) notes.push(`long runs: ${long.join(', ')}`);
  if (idle.length) notes.push(`idle: ${idle.join(', ')}`);
  if (mismatches.length)
    notes[0] = notes[0].replace(
      ', none overlapping or closer than half the interval',
      '',
    );
  return {
    mismatches: capped(mismatches),
    notes,
    runs,
    maxIdleMs,
  };
}

/** One evaluation run as logged: its start, and its duration when recorded. */
export type EvaluationRun = {
  start: number;
  duration?: number;
  failed?: boolean;
};

/**
 * How long evaluation stopped around the kills. A stall runs from the end of
 * the last successful run before a kill (or the start of the logs) to the end
 * of the first successful run after it, when fresh statuses are saved again;
 * kills in one stall are counted together. Each run a dead replica left
 * behind (its ticket cleared by the janitor) may stop evaluation for at most
 * `perDeadRunMs`, so a stall must end within that times its dead runs (at
 * least one), plus `slackMs`.
 */
export function checkEvaluationGaps(options: {
  runs: EvaluationRun[];
  kills: KillRecord[];
  /** When each run left behind by a dead replica was claimed (EvaluationTicketWatch). */
  deadRunClaims: number[];
  perDeadRunMs: number;
  slackMs: number;
  t0Ms: number;
  /** When the logs started: with no run before a kill, the stall starts here. */
  loggedFromMs: number;
}): CheckResult & { longestMs: number } {
  const { kills, deadRunClaims, perDeadRunMs, slackMs, t0Ms } = options;
  const at = (ms: number) => `+${((ms - t0Ms) / 1000).toFixed(0)}s`;
  const ok = options.runs.filter(r => !r.failed);
  const mismatches: string[] = [];
  const notes: string[] = [];
  const stalls = new Map<
    number,
    { kills: KillRecord[]; next?: EvaluationRun }
  >();
  for (const kill of kills) {
    const lastEnd = Math.max(
      options.loggedFromMs,
      ...ok
        .map(r => r.start + (r.duration ?? 0))
        .filter(end => end <= kill.atMs),
    );
    const stall = stalls.get(lastEnd) ?? {
      kills: [],
      next: ok
        .filter(r => r.start >= kill.atMs)
        .sort((a, b) => a.start - b.start)[0],
    };
    stall.kills.push(kill);
    stalls.set(lastEnd, stall);
  }
  let longestMs = 0;
  for (const [lastEnd, stall] of stalls) {
    const label = `kills ${stall.kills
      .map(k => `${k.round} (${k.victim}, ${k.moment}, ${at(k.atMs)})`)
      .join(', ')}`;
    if (!stall.next) {
      mismatches.push(
        `EVALUATION STALL ${label}: no successful run after them (the last ended ${at(
          lastEnd,
        )})`,
      );
      continue;
    }
    const nextStart = stall.next.start;
    const nextEnd = nextStart + (stall.next.duration ?? 0);
    const dead = deadRunClaims.filter(
      c => c >= lastEnd && c <= nextStart,
    ).length;
    const boundMs = Math.max(1, dead) * perDeadRunMs + slackMs;
    const gapMs = nextEnd - lastEnd;
    longestMs = Math.max(longestMs, gapMs);
    const line = `${label}: no fresh statuses from ${at(lastEnd)} to ${at(
      nextEnd,
    )} (${(gapMs / 1000).toFixed(
      1,
    )} s; ${dead} runs left by a dead replica; bound ${(boundMs / 1000).toFixed(
      0,
    )} s)`;
    notes.push(line);
    if (gapMs > boundMs) mismatches.push(`EVALUATION STALL ${line}`);
  }
  return { mismatches, notes, longestMs };
}

/** Resolves once every SLO has a status from a run that started at or after `sinceMs`. */
export async function waitForEvaluationAfter(
  db: FaultDatabase,
  slos: FaultSlo[],
  sinceMs: number,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    // Unchanged statuses are not rewritten: a save of all statuses (its run
    // record, kind 'statuses') that started after sinceMs counts as well.
    const [row] = await db.rows<{ n: string; saved: string }>(
      `SELECT (SELECT COUNT(DISTINCT slo_ref) FROM public.faults_status_writes WHERE evaluated_at >= ?) AS n,
        (SELECT COUNT(*) FROM sre.sre_slo_evaluator_runs WHERE kind = 'statuses' AND started_at >= ?) AS saved`,
      [sinceMs, sinceMs],
    );
    if (Number(row.n) >= slos.length || Number(row.saved) > 0) return true;
    await sleep(500);
  }
  return false;
}
