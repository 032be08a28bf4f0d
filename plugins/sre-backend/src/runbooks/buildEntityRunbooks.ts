import { EntityLink } from '@backstage/catalog-model';
import {
  EntityRunbooksResponse,
  Runbook,
  RunbookAlert,
  RunbookProblem,
  RunbookSource,
  RUNBOOK_LINK_TYPE,
  SLO_ALERT_SEVERITIES,
  SloDefinition,
  isRunbookStale,
  parseSloAlertName,
  sloAlertName,
} from '@sre-catalog/backstage-plugin-sre-common';
import { createHash } from 'node:crypto';
import { parseRunbookMarkdown } from './parseRunbookMarkdown';
import { RunbookFile } from './RunbookFileReader';

/** Everything the runbooks of one entity are made of. */
export type BuildEntityRunbooksInput = {
  entityRef: string;
  /** The entity's `metadata.links`; only `type: runbook` ones are used. */
  links: EntityLink[];
  /** Markdown files found through the runbooks annotation. */
  files: RunbookFile[];
  /** The valid SLOs of the service. */
  slos: SloDefinition[];
  /** Problems found while collecting the above. */
  problems: RunbookProblem[];
  staleAfterDays: number;
  nowMs: number;
};

const PROBLEM_ORDER: Record<RunbookProblem['source'], number> = {
  annotation: 0,
  file: 1,
  link: 2,
  slo: 3,
};

type Draft = Omit<Runbook, 'stale' | 'alerts'> & { alerts: string[] };

const lower = (s: string) => s.toLocaleLowerCase('en-US');

function runbookId(source: RunbookSource, key: string): string {
  return `${source}-${createHash('sha256')
    .update(key)
    .digest('hex')
    .slice(0, 12)}`;
}

/** The form two URLs of the same page share; undefined when not an http(s) URL. */
function normaliseUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url.trim());
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      return undefined;
    }
    return parsed.toString().replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}

function addAlerts(draft: Draft, alerts: string[]) {
  for (const alert of alerts) {
    if (!draft.alerts.includes(alert)) draft.alerts.push(alert);
  }
}

/**
 * Merges the runbooks of an entity from its three sources into one list, maps each
 * alert of the service to the runbooks that cover it, and marks stale runbooks.
 *
 * - Files (`sre-catalog.io/runbooks`) cover the alerts their front matter lists. An
 *   SLO alert is written `<slo-name>:page` or `<slo-name>:ticket`; the bare SLO name
 *   covers both. Other names (say, a Prometheus alert) are alerts of their own.
 * - Links (`metadata.links` with `type: runbook`) cover no alert by themselves.
 * - An SLO's `runbook_url` covers that SLO's page and ticket alerts.
 *
 * The same URL from several sources is one runbook (file before link before SLO)
 * that covers the alerts of all of them. A runbook without a review date is stale.
 */
export function buildEntityRunbooks(
  input: BuildEntityRunbooksInput,
): EntityRunbooksResponse {
  const problems = [...input.problems];
  const drafts: Draft[] = [];
  const byUrl = new Map<string, Draft>();
  const remember = (draft: Draft) => {
    drafts.push(draft);
    const key = draft.url && normaliseUrl(draft.url);
    if (key && !byUrl.has(key)) byUrl.set(key, draft);
  };

  // The alerts the service's SLOs raise, and the names a runbook may use for them.
  const alerts = new Map<string, RunbookAlert>();
  const sloAlertsByName = new Map<string, string[]>();
  const slos = [...input.slos].sort((a, b) => a.ref.localeCompare(b.ref));
  for (const slo of slos) {
    const names = SLO_ALERT_SEVERITIES.map(severity => {
      const name = sloAlertName(slo, severity);
      alerts.set(name, { name, sloRef: slo.ref, severity, runbookIds: [] });
      sloAlertsByName.set(name, [name]);
      return name;
    });
    const bare = sloAlertName(slo, 'page').replace(/:page$/, '');
    sloAlertsByName.set(bare, names);
  }
  const knownSloAlerts = () =>
    [...alerts.values()]
      .filter(a => a.sloRef)
      .map(a => a.name)
      .join(', ') || 'none';

  // 1. Markdown files.
  for (const file of [...input.files].sort((a, b) =>
    a.path.localeCompare(b.path),
  )) {
    const parsed = parseRunbookMarkdown(file.text, { nowMs: input.nowMs });
    for (const message of parsed.problems) {
      problems.push({
        source: 'file',
        location: file.path,
        message: `${file.path}: ${message}`,
      });
    }
    const covered: string[] = [];
    for (const declared of parsed.alerts) {
      const slo = sloAlertsByName.get(lower(declared));
      if (slo) {
        covered.push(...slo);
      } else if (parseSloAlertName(declared)) {
        // Shaped like an SLO alert, but no SLO of the service has that name: a typo
        // would otherwise leave the alert silently uncovered.
        problems.push({
          source: 'file',
          location: file.path,
          message: `${
            file.path
          }: alert ${declared} is not an alert of this service's SLOs (known: ${knownSloAlerts()})`,
        });
      } else {
        const existing = [...alerts.keys()].find(
          name => lower(name) === lower(declared),
        );
        if (!existing) {
          alerts.set(declared, { name: declared, runbookIds: [] });
        }
        covered.push(existing ?? declared);
      }
    }
    const title =
      parsed.title ??
      file.path
        .split('/')
        .pop()!
        .replace(/\.(?:md|markdown)$/i, '');
    const draft: Draft = {
      id: runbookId('file', file.path),
      title,
      ...(file.url ? { url: file.url } : {}),
      source: 'file',
      path: file.path,
      alerts: [],
      lastReviewed: parsed.lastReviewed,
      markdown: parsed.markdown,
    };
    addAlerts(draft, covered);
    remember(draft);
  }

  // 2. Catalog links.
  for (const link of input.links) {
    if (lower(link.type ?? '') !== RUNBOOK_LINK_TYPE) continue;
    const url = normaliseUrl(link.url ?? '');
    if (!url) {
      problems.push({
        source: 'link',
        location: String(link.url),
        message: `The runbook link ${JSON.stringify(
          link.url,
        )} is not an http(s) URL; it is left out`,
      });
      continue;
    }
    if (byUrl.has(url)) continue;
    remember({
      id: runbookId('link', url),
      title: link.title?.trim() || link.url,
      url: link.url,
      source: 'link',
      alerts: [],
      lastReviewed: null,
    });
  }

  // 3. The runbook_url of each SLO's alerting.
  for (const slo of slos) {
    const sloAlerts = sloAlertsByName.get(
      sloAlertName(slo, 'page').replace(/:page$/, ''),
    )!;
    for (const raw of slo.runbookUrls) {
      const url = normaliseUrl(raw);
      if (!url) {
        problems.push({
          source: 'slo',
          location: slo.ref,
          message: `SLO ${slo.ref} declares the runbook URL ${JSON.stringify(
            raw,
          )}, which is not an http(s) URL; it is left out`,
        });
        continue;
      }
      const existing = byUrl.get(url);
      if (existing) {
        addAlerts(existing, sloAlerts);
        continue;
      }
      const draft: Draft = {
        id: runbookId('slo', url),
        title: `Runbook of the SLO ${slo.displayName ?? slo.name}`,
        url: raw.trim(),
        source: 'slo',
        alerts: [],
        lastReviewed: null,
      };
      addAlerts(draft, sloAlerts);
      remember(draft);
    }
  }

  for (const draft of drafts) {
    for (const name of draft.alerts)
      alerts.get(name)?.runbookIds.push(draft.id);
  }
  const alertList = [...alerts.values()];
  return {
    entityRef: input.entityRef,
    runbooks: drafts.map(draft => ({
      ...draft,
      stale: isRunbookStale(
        draft.lastReviewed,
        input.staleAfterDays,
        input.nowMs,
      ),
    })),
    alerts: alertList,
    uncoveredAlerts: alertList
      .filter(a => a.runbookIds.length === 0)
      .map(a => a.name),
    // Grouped by source, in the order found within each.
    problems: problems
      .map((problem, index) => ({ problem, index }))
      .sort(
        (a, b) =>
          PROBLEM_ORDER[a.problem.source] - PROBLEM_ORDER[b.problem.source] ||
          a.index - b.index,
      )
      .map(({ problem }) => problem),
    staleAfterDays: input.staleAfterDays,
  };
}
