/** A fast burn of an SLO's error budget found in its SLI data. */
export type SloIncident = {
  sloRef: string;
  serviceRef: string;
  ownerRef?: string;
  startMs: number;
  endMs: number;
  /** Fraction of the period's error budget the incident spent. */
  budgetConsumed: number;
};

/** The incidents the detection task found on its last run. */
export interface SloIncidentStore {
  /** Replaces every stored incident with these, in one transaction. */
  replaceIncidents(incidents: SloIncident[]): Promise<void>;

  /** Incidents that started in `[fromMs, toMs)`, newest first. */
  listIncidents(options: {
    fromMs: number;
    toMs: number;
  }): Promise<SloIncident[]>;
}
