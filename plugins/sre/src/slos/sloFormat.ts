import { parseEntityRef } from '@backstage/catalog-model';
import {
  AlertSeverity,
  SloStatus,
} from '@sre-catalog/backstage-plugin-sre-common';
import { LOCALE } from '../shared/format';

/*
 * The numbers of an SLO as people read them, and the logic over a status that is not
 * text. Sentences about SLOs are messages of the translation ref (sloLabels.ts).
 */

/** `0.999` -> `99.9%`, `0.9995` -> `99.95%`, `0.99` -> `99%`. */
export function targetPercent(target: number): string {
  return `${new Intl.NumberFormat(LOCALE, {
    maximumFractionDigits: 4,
  }).format(target * 100)}%`;
}

/** Decimals of the target as a percentage: 99.9 -> 1, 99.95 -> 2, 99 -> 0. */
function targetDecimals(target: number): number {
  const text = targetPercent(target).replace('%', '');
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * The SLI as a percentage, two decimals finer than the target and rounded down, so
 * that an SLI just below the target never shows as the target itself.
 */
export function formatSli(sli: number | null, target: number): string {
  if (sli === null) return '—';
  const decimals = Math.min(Math.max(targetDecimals(target) + 2, 2), 5);
  const factor = 10 ** decimals;
  // The epsilon absorbs float noise such as 0.999 * 1e5 = 99899.99999.
  const floored = Math.floor(sli * 100 * factor + 1e-6) / factor;
  return `${new Intl.NumberFormat(LOCALE, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(floored)}%`;
}

/** `0.423` -> `42.3%`; negative stays negative. */
export function budgetPercent(remaining: number): string {
  return `${new Intl.NumberFormat(LOCALE, {
    maximumFractionDigits: 1,
  }).format(remaining * 100)}%`;
}

/** An amount of budget, to one decimal: `4,238`, `201.6`. */
export function formatAmount(value: number): string {
  return new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 }).format(
    value,
  );
}

/** A burn rate as a multiple of the sustainable rate: `14.4×`, `0.31×`, `—`. */
export function formatBurnRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${new Intl.NumberFormat(LOCALE, {
    maximumFractionDigits: rate < 10 ? 2 : 1,
  }).format(rate)}×`;
}

/** A burn-rate threshold, precise to two decimals: `13.44×`, `0.93×`, `6×`. */
export function formatThreshold(threshold: number): string {
  return `${new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 }).format(
    threshold,
  )}×`;
}

/** A size in bytes with its binary unit symbol: `512 B`, `3.3 MiB`, `256 MiB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(LOCALE, {
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value)} ${units[unit]}`;
}

/** The name of an SLO: its display name, else the name in its ref. */
export function sloTitle(slo: Pick<SloStatus, 'sloRef' | 'displayName'>) {
  if (slo.displayName) return slo.displayName;
  try {
    return parseEntityRef(slo.sloRef).name;
  } catch {
    return slo.sloRef;
  }
}

/** The URL path of the push API of a built-in SLO. */
export function sloEventsPath(sloRef: string): string {
  try {
    const { namespace, name } = parseEntityRef(sloRef, {
      defaultKind: 'slo',
      defaultNamespace: 'default',
    });
    return `/api/sre/slos/${namespace}/${name}/events`;
  } catch {
    return '/api/sre/slos/{namespace}/{name}/events';
  }
}

/** The windows of the rules that fire, with the most severe alert among them. */
export function firingWindows(
  rules: SloStatus['rules'],
): Map<string, AlertSeverity> {
  const windows = new Map<string, AlertSeverity>();
  for (const rule of rules) {
    if (!rule.firing) continue;
    for (const window of [rule.longWindow, rule.shortWindow]) {
      if (windows.get(window) !== 'page') windows.set(window, rule.severity);
    }
  }
  return windows;
}

/** Seconds from an ISO time to now (0 for a time in the future or no time). */
export function secondsSince(iso: string, nowMs: number = Date.now()): number {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? 0 : Math.max(0, (nowMs - ms) / 1000);
}
