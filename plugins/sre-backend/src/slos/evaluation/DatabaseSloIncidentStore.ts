import { Knex } from 'knex';
import { SloIncident, SloIncidentStore } from './SloIncidentStore';

const BATCH = 200;

type IncidentRow = {
  slo_ref: string;
  started_at: number | string;
  ended_at: number | string;
  service_ref: string;
  owner_ref: string | null;
  budget_consumed: number;
};

/** Detected SLO incidents in the plugin's database. */
export class DatabaseSloIncidentStore implements SloIncidentStore {
  private constructor(private readonly db: Knex) {}

  /** On a migrated client: SreDatabase hands this store out. */
  static create(options: { client: Knex }): DatabaseSloIncidentStore {
    return new DatabaseSloIncidentStore(options.client);
  }

  async replaceIncidents(incidents: SloIncident[]): Promise<void> {
    const rows: IncidentRow[] = incidents.map(i => ({
      slo_ref: i.sloRef,
      started_at: i.startMs,
      ended_at: i.endMs,
      service_ref: i.serviceRef,
      owner_ref: i.ownerRef ?? null,
      budget_consumed: i.budgetConsumed,
    }));
    await this.db.transaction(async tx => {
      await tx('sre_slo_incidents').delete();
      for (let i = 0; i < rows.length; i += BATCH) {
        await tx('sre_slo_incidents').insert(rows.slice(i, i + BATCH));
      }
    });
  }

  async listIncidents(options: {
    fromMs: number;
    toMs: number;
  }): Promise<SloIncident[]> {
    const rows: IncidentRow[] = await this.db('sre_slo_incidents')
      .where('started_at', '>=', options.fromMs)
      .andWhere('started_at', '<', options.toMs)
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'slo_ref', order: 'asc' },
      ]);
    return rows.map(row => ({
      sloRef: row.slo_ref,
      serviceRef: row.service_ref,
      ownerRef: row.owner_ref ?? undefined,
      startMs: Number(row.started_at),
      endMs: Number(row.ended_at),
      budgetConsumed: row.budget_consumed,
    }));
  }
}
