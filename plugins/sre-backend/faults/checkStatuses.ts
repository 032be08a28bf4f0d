/** Every replica serves the same status of each SLO, the one its stored buckets give. */
import { CheckResult, capped } from './checkResult';
import { FaultSlo } from './faultOrganisation';
import { Replica } from './replicas';
import { sleep } from './seededRandom';
import { StoredMinute, hourSumsOf } from './storedMinutes';

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
