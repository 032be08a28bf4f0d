/** The status store's tables as rows, and a status read back from its row. */

import type { SloStatus } from '@sre-catalog/backstage-plugin-sre-common';
import { statusAsOf } from './sloStatusChanges';

/** Rows per statement: SQLite limits the bound parameters of one. */
export const BATCH = 100;

export type StatusRow = {
  slo_ref: string;
  service_ref: string;
  owner_ref: string | null;
  system_ref: string | null;
  alert: string;
  budget_remaining: number | null;
  data_state: string;
  status: string;
  evaluated_at: number | string;
  content_hash: string | null;
  follows_evaluation: boolean | number;
  rolling_period: boolean | number;
};

export type HistoryRow = {
  slo_ref: string;
  day: string;
  /** Numbers; pg may read them back as text. */
  budget_remaining: number | string | null;
  sli: number | string | null;
};

/**
 * The run record (sre_slo_evaluator_runs) of the last evaluation whose statuses
 * were saved: every status row belongs to it, the unchanged ones too.
 */
export const STATUSES_RUN = 'statuses';

/** A status as read: unchanged ones as of the last saved evaluation. */
export function statusOf(row: {
  status: string;
  follows_evaluation: boolean | number;
  rolling_period: boolean | number;
  confirmed_at?: number | string | null;
}): SloStatus {
  return statusAsOf(
    JSON.parse(row.status),
    {
      followsEvaluation: Boolean(row.follows_evaluation),
      rollingPeriod: Boolean(row.rolling_period),
    },
    row.confirmed_at === null || row.confirmed_at === undefined
      ? undefined
      : Number(row.confirmed_at),
  );
}

export function numberOrNull(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}
