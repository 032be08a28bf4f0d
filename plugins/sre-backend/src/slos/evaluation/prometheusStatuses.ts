import {
  SloStatus,
  currentPeriod,
  sourceOf,
  timeSliceWindowOf,
} from '@sre-catalog/backstage-plugin-sre-common';
import { RegisteredSlo } from '../CatalogSloRegistry';
import { SloStatusStore, StoredSloStatus } from '../status/SloStatusStore';
import { PrometheusSliSource } from '../prometheus';
import { evaluatePrometheusSlo } from '../prometheus/evaluatePrometheusSlo';

/**
 * Statuses of the Prometheus SLOs: one query per window and source for all of
 * them; an SLO that got no numbers keeps its last ones, marked unavailable.
 */
export async function evaluatePrometheusStatuses(
  prometheus: PrometheusSliSource,
  statusStore: SloStatusStore,
  slos: RegisteredSlo[],
  nowMs: number,
): Promise<StoredSloStatus[]> {
  if (!slos.length) return [];
  const fetched = await prometheus.fetchWindows(
    slos.map(s => s.definition),
    nowMs,
  );
  const health = new Map<string, { unavailableSinceMs?: number }>();
  for (const [name, result] of fetched.sources) {
    health.set(
      name,
      await statusStore.recordSourceResult(
        `prometheus:${name}`,
        result.ok
          ? { ok: true, atMs: nowMs }
          : { ok: false, atMs: nowMs, error: result.error },
      ),
    );
  }
  // The last statuses of every SLO that got no numbers, in one read.
  const lastStatuses = await statusStore.getStatuses(
    slos.map(s => s.definition.ref).filter(ref => !fetched.slos.get(ref)?.ok),
  );
  const statuses: StoredSloStatus[] = [];
  for (const slo of slos) {
    const result = fetched.slos.get(slo.definition.ref);
    if (result?.ok) {
      // Sloth's error ratios leave the budget's event counts unknown (null).
      const { hasData, ...status } = evaluatePrometheusSlo(
        slo.definition,
        result.data,
        nowMs,
      );
      statuses.push({
        status: { ...status, dataState: hasData ? 'ok' : 'no-data' },
        ownerRef: slo.ownerRef,
        systemRef: slo.systemRef,
      });
    } else {
      // A failing source, or a query of this SLO alone (refused, rejected):
      // either way keep the last numbers and say since when they are old.
      const last = lastStatuses.get(slo.definition.ref);
      const since =
        result?.reason === 'source-unavailable'
          ? health.get(result.sourceName ?? '')?.unavailableSinceMs ?? nowMs
          : Date.parse(last?.unavailableSince ?? '') || nowMs;
      statuses.push(
        unavailableKeepingLast(
          slo,
          last,
          nowMs,
          result?.error ?? 'No answer from Prometheus',
          since,
        ),
      );
    }
  }
  return statuses;
}

/**
 * The status of an SLO whose source could not be read: the last known numbers, if
 * any, marked unavailable since the source started failing.
 */
function unavailableKeepingLast(
  slo: RegisteredSlo,
  last: SloStatus | undefined,
  nowMs: number,
  error: string,
  sinceMs: number,
): StoredSloStatus {
  const fresh = unavailable(slo, nowMs, error, sinceMs);
  if (!last || (last.dataState === 'unavailable' && last.sli === null)) {
    return fresh;
  }
  return {
    ...fresh,
    status: {
      ...last,
      dataState: 'unavailable',
      unavailableSince: fresh.status.unavailableSince,
      lastError: error,
    },
  };
}

/** The status of an SLO whose source could not be read. */
function unavailable(
  slo: RegisteredSlo,
  nowMs: number,
  error: string,
  sinceMs: number = nowMs,
): StoredSloStatus {
  const d = slo.definition;
  const timeSliceWindow = timeSliceWindowOf(d);
  const status: SloStatus = {
    sloRef: d.ref,
    service: d.service,
    displayName: d.displayName,
    description: d.description,
    source: sourceOf(d),
    target: d.target,
    period: d.timeWindow.text,
    periodStart: new Date(
      currentPeriod(d.timeWindow, nowMs).startMs,
    ).toISOString(),
    budgetingMethod: d.budgetingMethod,
    ...(timeSliceWindow ? { timeSliceWindow } : {}),
    sli: null,
    errorBudgetRemaining: null,
    budget: {
      unit: d.budgetingMethod === 'Occurrences' ? 'events' : 'minutes',
      allowed: null,
      consumed: null,
    },
    burnRates: {
      '5m': null,
      '30m': null,
      '1h': null,
      '2h': null,
      '6h': null,
      '1d': null,
      '3d': null,
    },
    alert: 'none',
    rules: [],
    timeToExhaustion: null,
    dataState: 'unavailable',
    unavailableSince: new Date(sinceMs).toISOString(),
    lastError: error,
    evaluatedAt: new Date(nowMs).toISOString(),
  };
  return { status, ownerRef: slo.ownerRef, systemRef: slo.systemRef };
}
