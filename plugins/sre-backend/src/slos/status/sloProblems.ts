import type { SloProblemRecord } from '@sre-catalog/backstage-plugin-sre-common';
import { Knex } from 'knex';
import { BATCH } from './statusTables';

/** The catalog's refusals of SLO documents, kept for the SLO pages (sre_slo_problems). */

type ProblemRow = {
  slo_ref: string;
  service_ref: string | null;
  location: string | null;
  problems: string;
  seen_at: number | string;
};

export async function setProblems(
  db: Knex,
  records: SloProblemRecord[],
): Promise<void> {
  const rows = records.map(r => ({
    slo_ref: r.sloRef,
    service_ref: r.service ?? null,
    location: r.location ?? null,
    problems: JSON.stringify(r.problems),
    seen_at: Date.parse(r.seenAt),
  }));
  for (let i = 0; i < rows.length; i += BATCH) {
    await db('sre_slo_problems')
      .insert(rows.slice(i, i + BATCH))
      .onConflict('slo_ref')
      .merge();
  }
}

export async function clearProblems(
  db: Knex,
  sloRefs: string[],
): Promise<void> {
  for (let i = 0; i < sloRefs.length; i += BATCH) {
    await db('sre_slo_problems')
      .whereIn('slo_ref', sloRefs.slice(i, i + BATCH))
      .delete();
  }
}

export async function listProblems(
  db: Knex,
  query: { serviceRef?: string; sinceMs: number },
): Promise<SloProblemRecord[]> {
  const rows = await db('sre_slo_problems')
    .where('seen_at', '>=', query.sinceMs)
    .modify(b => {
      if (query.serviceRef) b.where('service_ref', query.serviceRef);
    })
    .orderBy('slo_ref')
    .select();
  return rows.map((r: ProblemRow) => ({
    sloRef: r.slo_ref,
    service: r.service_ref ?? undefined,
    location: r.location ?? undefined,
    problems: JSON.parse(r.problems),
    seenAt: new Date(Number(r.seen_at)).toISOString(),
  }));
}
