import type { SloStatus } from '@sre-catalog/backstage-plugin-sre-common';
import { hash as digest } from 'node:crypto';
import { StoredSloStatus } from './SloStatusStore';

/**
 * How a status is stored so that an evaluation that computes it again writes
 * nothing: what it says apart from when it was evaluated, hashed.
 */
export type StatusContent = {
  /** SHA-256 (hex) of the status without its evaluation time. */
  hash: string;
  /**
   * Evaluated by the evaluation being saved: while unchanged, its evaluatedAt
   * (and a rolling period's start) moves with the evaluations that follow.
   * False for numbers kept from an earlier evaluation: they keep their time.
   */
  followsEvaluation: boolean;
  rollingPeriod: boolean;
};

/** The content of a status saved by an evaluation at `evaluationMs`. */
export function statusContent(
  stored: StoredSloStatus,
  evaluationMs: number,
): StatusContent {
  const { status, ownerRef, systemRef } = stored;
  const evaluatedAtMs = Date.parse(status.evaluatedAt);
  const followsEvaluation = evaluatedAtMs === evaluationMs;
  const rollingPeriod = followsEvaluation && stored.rollingPeriod === true;
  const { evaluatedAt, periodStart, ...rest } = status;
  const when = followsEvaluation
    ? {
        // A rolling period keeps its length; a calendar one its start.
        period: rollingPeriod
          ? evaluatedAtMs - Date.parse(periodStart)
          : periodStart,
      }
    : { evaluatedAt, periodStart };
  const text = JSON.stringify([
    ownerRef ?? null,
    systemRef ?? null,
    followsEvaluation,
    rollingPeriod,
    when,
    rest,
  ]);
  return {
    hash: digest('sha256', text),
    followsEvaluation,
    rollingPeriod,
  };
}

/**
 * A stored status as of the last evaluation whose statuses were saved
 * (`confirmedAtMs`), when it follows evaluations and that one is later than its
 * own: the evaluation left it unchanged.
 */
export function statusAsOf(
  status: SloStatus,
  row: { followsEvaluation: boolean; rollingPeriod: boolean },
  confirmedAtMs: number | undefined,
): SloStatus {
  const ownMs = Date.parse(status.evaluatedAt);
  if (
    !row.followsEvaluation ||
    confirmedAtMs === undefined ||
    !(confirmedAtMs > ownMs)
  ) {
    return status;
  }
  const result = {
    ...status,
    evaluatedAt: new Date(confirmedAtMs).toISOString(),
  };
  const periodStartMs = Date.parse(status.periodStart);
  if (row.rollingPeriod && Number.isFinite(periodStartMs)) {
    result.periodStart = new Date(
      periodStartMs + confirmedAtMs - ownMs,
    ).toISOString();
  }
  return result;
}

/** The size of a row's values: UTF-8 bytes of text, 8 per number, 1 per boolean. */
export function valueBytes(row: Record<string, unknown>): number {
  let bytes = 0;
  for (const value of Object.values(row)) {
    if (typeof value === 'string') bytes += Buffer.byteLength(value);
    else if (typeof value === 'number') bytes += 8;
    else if (typeof value === 'boolean') bytes += 1;
  }
  return bytes;
}
