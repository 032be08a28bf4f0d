import { SloStatus } from '@sre-catalog/backstage-plugin-sre-common';
import { staleAgeSeconds } from './evaluationInterval';
import { RefusedPushes } from './store/SliStore';

/**
 * A stored status with what it does not say itself: that its evaluation is
 * behind (older than three intervals), and the pushes to it that were refused.
 * The stored (and cached) status is left as it is.
 */
export function withFaults(
  status: SloStatus,
  refused: RefusedPushes | undefined,
  nowMs: number,
  evaluationIntervalMs: number,
): SloStatus {
  const { stale: _stale, refused: _refused, ...stored } = status;
  const result: SloStatus = { ...stored };
  const ageSeconds = staleAgeSeconds(
    Date.parse(status.evaluatedAt),
    nowMs,
    evaluationIntervalMs,
  );
  if (ageSeconds !== undefined) result.stale = { ageSeconds };
  if (refused) {
    result.refused = {
      count: refused.count,
      lastError: refused.lastError,
      lastAt: new Date(refused.lastAtMs).toISOString(),
    };
  }
  return result;
}
