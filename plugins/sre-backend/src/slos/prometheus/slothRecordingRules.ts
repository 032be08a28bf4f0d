import {
  SlothRecordingRules,
  WindowCounts,
} from '@sre-catalog/backstage-plugin-sre-common';
import { promString } from './buildWindowQuery';
import { PrometheusSample } from './PrometheusClient';

/**
 * Sloth's SLI recording rules (`sloth.dev/core/sli_rules/v1`): one series per SLO
 * and window, `slo:sli_error:ratio_rate<window>`, whose value is the SLO's error
 * ratio (bad / total events) over that window, labelled with the SLO's
 * `sloth_id`, `sloth_service`, `sloth_slo` and `sloth_window`.
 */
export const SLOTH_SLI_ERROR_METRIC = 'slo:sli_error:ratio_rate';
export const SLOTH_ID_LABEL = 'sloth_id';
export const SLOTH_SERVICE_LABEL = 'sloth_service';
export const SLOTH_SLO_LABEL = 'sloth_slo';
export const SLOTH_WINDOW_LABEL = 'sloth_window';

const UNITS: ReadonlyArray<[unit: string, ms: number, exact: boolean]> = [
  ['y', 365 * 86_400_000, true],
  ['w', 7 * 86_400_000, true],
  ['d', 86_400_000, false],
  ['h', 3_600_000, false],
  ['m', 60_000, false],
  ['s', 1_000, false],
  ['ms', 1, false],
];

/**
 * A window as Sloth names it: Prometheus' own duration text
 * (`model.Duration.String`), where years and weeks are used only when they divide
 * the window, so 30 days is `30d` but 28 days is `4w` and 7 days `1w`.
 */
export function slothDuration(seconds: number): string {
  let ms = Math.round(seconds * 1000);
  if (ms <= 0) return '0s';
  let text = '';
  for (const [unit, size, exact] of UNITS) {
    if (exact && ms % size !== 0) continue;
    const count = Math.floor(ms / size);
    if (count > 0) {
      text += `${count}${unit}`;
      ms -= count * size;
    }
  }
  return text;
}

/** The recording rule's series name of a window, e.g. `slo:sli_error:ratio_rate5m`. */
export function slothSeriesName(seconds: number): string {
  return `${SLOTH_SLI_ERROR_METRIC}${slothDuration(seconds)}`;
}

/** `value` as a literal in an RE2 regex (what Prometheus' `=~` takes). */
function regexLiteral(value: string): string {
  return value.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/**
 * One instant query for the series of `seriesName` of every given Sloth ID: a
 * single selector, `slo:sli_error:ratio_rate5m{sloth_id=~"a|b|…"}`. Each ID is a
 * regex literal inside a PromQL string literal, so no value can end the string,
 * widen the match or add an expression; the spec admits only Sloth names anyway.
 */
export function buildSlothQuery(
  seriesName: string,
  ids: readonly string[],
): string {
  if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(seriesName)) {
    throw new Error(`${JSON.stringify(seriesName)} is not a metric name`);
  }
  const unique = [...new Set(ids)].sort();
  if (!unique.length) throw new Error('no Sloth IDs to query');
  return `${seriesName}{${SLOTH_ID_LABEL}=~${promString(
    unique.map(regexLiteral).join('|'),
  )}}`;
}

/** A key of one Sloth SLO by all three of its identifying labels. */
export function slothKey(rules: SlothRecordingRules): string {
  return JSON.stringify([rules.id, rules.service, rules.slo]);
}

/**
 * The error ratio of each Sloth SLO (by {@link slothKey}) in the answer to a
 * {@link buildSlothQuery} of `seriesName` for window `window` (Sloth's text). A
 * series counts only for the SLO whose `sloth_id`, `sloth_service` and
 * `sloth_slo` it carries, all three exactly (compared as strings, never as
 * patterns), with this window's `sloth_window` and name where it has them; any
 * other series is ignored, whatever its labels hold. An SLO with two series of
 * different values (the rules deployed twice with other labels) has no ratio:
 * which one holds is unknown.
 */
export function attributeSlothSamples(
  samples: readonly PrometheusSample[],
  seriesName: string,
  window: string,
): Map<string, number> {
  const ratios = new Map<string, number>();
  const ambiguous = new Set<string>();
  for (const { metric, value } of samples) {
    const id = metric[SLOTH_ID_LABEL];
    const service = metric[SLOTH_SERVICE_LABEL];
    const slo = metric[SLOTH_SLO_LABEL];
    if (
      typeof id !== 'string' ||
      typeof service !== 'string' ||
      typeof slo !== 'string' ||
      (metric[SLOTH_WINDOW_LABEL] !== undefined &&
        metric[SLOTH_WINDOW_LABEL] !== window) ||
      (metric.__name__ !== undefined && metric.__name__ !== seriesName)
    ) {
      continue;
    }
    const key = slothKey({ id, service, slo });
    if (ambiguous.has(key)) continue;
    const known = ratios.get(key);
    if (known === undefined) {
      ratios.set(key, value);
    } else if (!Object.is(known, value)) {
      ratios.delete(key);
      ambiguous.add(key);
    }
  }
  return ratios;
}

/**
 * Window counts that make `evaluateSlo` give an error ratio's SLI, burn rate and
 * budget remaining: one event, `1 - ratio` of it good. NaN (Sloth's 0 / 0, a
 * window without events) and infinities are no data, like the raw path's; a
 * ratio outside [0, 1] is clamped, as the raw path clamps its counts.
 */
export function countsFromErrorRatio(ratio: number): WindowCounts {
  if (!Number.isFinite(ratio)) return { good: 0, total: 0 };
  return { good: 1 - Math.min(Math.max(ratio, 0), 1), total: 1 };
}
