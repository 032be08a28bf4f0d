import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ListRequiredPostmortemsResponse,
  POSTMORTEM_BUDGET_THRESHOLD,
  Postmortem,
  RequiredPostmortemEntry,
  requiresPostmortem,
} from '@sre-catalog/backstage-plugin-sre-common';
import { SloIncident, SloIncidentsService } from '../slos/SloIncidentsService';
import { PostmortemReadAccess } from './PostmortemReadAccess';
import { PostmortemReadFilter, PostmortemStore } from './PostmortemStore';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Detected incidents listed as needing a postmortem: the last 35 days. */
const INCIDENT_LOOKBACK_MS = 35 * DAY;
/** A postmortem covers a detected incident when it started this close to it. */
const INCIDENT_MATCH_MS = 6 * HOUR;

type Deps = {
  store: PostmortemStore;
  access: PostmortemReadAccess;
  sloIncidents?: SloIncidentsService;
  now: () => Date;
};

const percent = (fraction: number) => `${Math.round(fraction * 1000) / 10}%`;

/** How a detected incident without a postmortem shows in the required list. */
function uncoveredEntry(incident: SloIncident): RequiredPostmortemEntry {
  const startedAt = new Date(incident.startMs).toISOString();
  const endedAt = new Date(incident.endMs).toISOString();
  return {
    startedAt,
    endedAt,
    entityRefs: [incident.serviceRef],
    impactedSlos: [
      {
        sloRef: incident.sloRef,
        budgetConsumed: incident.budgetConsumed,
        computed: true,
      },
    ],
    reason: `${incident.sloRef} lost ${percent(
      incident.budgetConsumed,
    )} of its error budget from ${startedAt} to ${endedAt} (more than ${percent(
      POSTMORTEM_BUDGET_THRESHOLD,
    )}), and no postmortem of ${incident.serviceRef} covers that time`,
  };
}

/** How a postmortem that lacks its P0 action item shows in the required list. */
const violationEntry = (p: Postmortem): RequiredPostmortemEntry => ({
  startedAt: p.startedAt,
  endedAt: p.resolvedAt ?? p.mitigatedAt,
  entityRefs: p.entityRefs,
  impactedSlos: requiresPostmortem(p.impactedSlos).triggeredBy,
  reason: p.policy.reason,
  postmortem: {
    id: p.id,
    title: p.title,
    status: p.status,
    policy: p.policy,
  },
});

/**
 * Incidents the error budget policy requires a postmortem for, that lack it: first
 * fast burns found in the SLI data that no postmortem the caller can read covers
 * (only those of services and SLOs the caller can see), newest first, then
 * postmortems the caller can read that lack their P0 action item.
 */
export async function listRequiredPostmortems(
  deps: Deps,
  page: { limit: number; offset: number },
  credentials: BackstageCredentials,
): Promise<ListRequiredPostmortemsResponse> {
  const { limit, offset } = page;
  const filter = await deps.access.listFilter(credentials);
  const uncovered = await uncoveredIncidents(deps, filter, credentials);
  const violations = filter
    ? await deps.store.listPolicyViolations(
        {
          limit: Math.max(1, limit - Math.max(0, uncovered.length - offset)),
          offset: Math.max(0, offset - uncovered.length),
        },
        filter,
      )
    : { items: [], totalCount: 0 };
  return {
    items: [
      ...uncovered.slice(offset, offset + limit).map(uncoveredEntry),
      ...violations.items.map(violationEntry),
    ].slice(0, limit),
    totalCount: uncovered.length + violations.totalCount,
  };
}

/**
 * Detected incidents of services and SLOs the caller can see with no postmortem
 * (that the caller can read) of their service that started within
 * INCIDENT_MATCH_MS of them (or during them).
 */
async function uncoveredIncidents(
  deps: Deps,
  filter: PostmortemReadFilter | undefined,
  credentials: BackstageCredentials,
): Promise<SloIncident[]> {
  const { sloIncidents: incidents, store, access } = deps;
  if (!incidents) return [];
  const nowMs = deps.now().getTime();
  const listed = await incidents.listIncidents({
    fromMs: nowMs - INCIDENT_LOOKBACK_MS,
    toMs: nowMs,
  });
  if (!listed.length) return [];
  // Asked as the caller: detected incidents are SLO data, which no SRE
  // permission guards.
  const hidden = await access.hiddenRefs(
    listed.flatMap(incident => [incident.serviceRef, incident.sloRef]),
    credentials,
  );
  const detected = listed.filter(
    incident =>
      !hidden.has(incident.serviceRef) && !hidden.has(incident.sloRef),
  );
  if (!detected.length) return [];
  const windows = detected.map(incident => ({
    fromMs: incident.startMs - INCIDENT_MATCH_MS,
    toMs: incident.endMs + INCIDENT_MATCH_MS,
  }));
  // One look-up for all incidents (not one each): the start times of their services'
  // postmortems over the span of all windows, matched to each window below.
  const startTimes = filter
    ? await store.getStartTimes(
        {
          entityRefs: detected.map(incident => incident.serviceRef),
          fromMs: windows.reduce((min, w) => Math.min(min, w.fromMs), Infinity),
          toMs: windows.reduce((max, w) => Math.max(max, w.toMs), -Infinity),
        },
        filter,
      )
    : new Map<string, number[]>();
  return detected.filter((incident, i) => {
    const { fromMs, toMs } = windows[i];
    const starts = startTimes.get(incident.serviceRef) ?? [];
    return !starts.some(ms => ms >= fromMs && ms <= toMs);
  });
}
