import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  SloDefinition,
  SloHistoryResponse,
  SloStatus,
  currentPeriod,
} from '@sre-catalog/backstage-plugin-sre-common';
import { computeDailyHistory } from './computeDailyHistory';
import { tierCut } from './sliTiers';
import { SloVisibility } from './SloVisibility';
import { withFaults } from './sloStatusFaults';
import { SloStatusStore } from './status/SloStatusStore';
import { RefusedPushes, SliStore } from './store/SliStore';
import { TtlCache } from './TtlCache';

const DAY = 24 * 3_600_000;

/**
 * How long an SLO's stored status is reused: a status read asks the database at
 * most once per this time per SLO; statuses change every 30 s anyway. The caller's
 * right to see the SLO is reused for `sre.visibility.cacheTtl` (default 10 s).
 */
export const STATUS_READ_CACHE_MS = 5_000;

/** SLO definitions from the catalog, as the plugin itself sees them. */
export type SloDefinitionsOf = (
  sloRefs: string[],
) => Promise<Map<string, SloDefinition | InputError | undefined>>;

/** One SLO's status and history, for a caller who may see the SLO and its service. */
export class SloStatusReads {
  private readonly statuses = new TtlCache<SloStatus | undefined>(
    STATUS_READ_CACHE_MS,
    100_000,
  );
  /** A status's dead letters, reused like the status itself. */
  private readonly refusedOne = new TtlCache<RefusedPushes | undefined>(
    STATUS_READ_CACHE_MS,
    100_000,
  );

  constructor(
    private readonly deps: {
      sliStore: SliStore;
      statusStore: SloStatusStore;
      visibility: SloVisibility;
      definitionsOf: SloDefinitionsOf;
      evaluationIntervalMs: number;
      now: () => number;
    },
  ) {}

  async getStatus(
    sloRef: string,
    credentials: BackstageCredentials,
  ): Promise<SloStatus> {
    const status = await this.statuses.get(sloRef, () =>
      this.deps.statusStore.getStatus(sloRef),
    );
    await this.deps.visibility.assertReadable(
      sloRef,
      status?.service,
      credentials,
    );
    if (!status) {
      throw new NotFoundError(
        `SLO ${sloRef} has not been evaluated yet; try again in a minute`,
      );
    }
    const refused = await this.refusedOne.get(sloRef, async () =>
      (await this.deps.sliStore.refusedPushes([sloRef])).get(sloRef),
    );
    return withFaults(
      status,
      refused,
      this.deps.now(),
      this.deps.evaluationIntervalMs,
    );
  }

  async getHistory(
    request: { sloRef: string; days: number },
    credentials: BackstageCredentials,
  ): Promise<SloHistoryResponse> {
    const { sloRef, days } = request;
    const slo = (await this.deps.definitionsOf([sloRef])).get(sloRef);
    const service = slo && !(slo instanceof Error) ? slo.service : undefined;
    await this.deps.visibility.assertReadable(sloRef, service, credentials);
    if (slo instanceof Error) throw slo;
    const nowMs = Date.now();
    if (slo?.indicator.source.type === 'builtin') {
      const series = await this.deps.sliStore.readSeries([sloRef], {
        minutesFromMs: tierCut(nowMs),
        // The first day's period reaches back one period length before it.
        hoursFromMs:
          nowMs -
          (days + 1) * DAY -
          currentPeriod(slo.timeWindow, nowMs).lengthMs,
      });
      return {
        sloRef,
        points: computeDailyHistory(slo, series.get(sloRef)!, nowMs, days),
      };
    }
    // Other sources: the statuses the evaluator stored, one per day.
    const since = new Date(nowMs - days * DAY).toISOString().slice(0, 10);
    return {
      sloRef,
      points: await this.deps.statusStore.getHistory(sloRef, since),
    };
  }
}
