import { SlothRecordingRules } from '@sre-catalog/backstage-plugin-sre-common';
import {
  SLOTH_ID_LABEL,
  SLOTH_SERVICE_LABEL,
  SLOTH_SLO_LABEL,
  SLOTH_WINDOW_LABEL,
  slothDuration,
  slothSeriesName,
} from '../slothRecordingRules';

/**
 * Sloth's SLI recording rules as OpenMetrics gauges for `promtool tsdb
 * create-blocks-from openmetrics`: what Prometheus would have recorded, written
 * directly (a backfill of the rules' values). Timestamps in seconds.
 */

/** The `# TYPE` header of the rule series of a window. */
export function slothFamilyHeader(seconds: number): string {
  const name = slothSeriesName(seconds);
  return `# HELP ${name} Sloth SLI error ratio over ${slothDuration(
    seconds,
  )}\n# TYPE ${name} gauge\n`;
}

/** One sample line of the rule series of an SLO and a window. */
export function slothSampleLine(
  rules: SlothRecordingRules,
  seconds: number,
  ratio: number,
  timeMs: number,
): string {
  const labels = [
    [SLOTH_ID_LABEL, rules.id],
    [SLOTH_SERVICE_LABEL, rules.service],
    [SLOTH_SLO_LABEL, rules.slo],
    [SLOTH_WINDOW_LABEL, slothDuration(seconds)],
  ]
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(',');
  // String(ratio) is the shortest text that reads back as the same double.
  return `${slothSeriesName(seconds)}{${labels}} ${
    Number.isNaN(ratio) ? 'NaN' : String(ratio)
  } ${timeMs / 1000}\n`;
}

/** Whole families (one per window) of rule samples, without `# EOF`. */
export function slothOpenMetrics(
  samples: Array<{
    rules: SlothRecordingRules;
    seconds: number;
    ratio: number;
    timeMs: number;
  }>,
): string {
  const byWindow = new Map<number, string[]>();
  for (const s of samples) {
    const lines = byWindow.get(s.seconds) ?? [];
    lines.push(slothSampleLine(s.rules, s.seconds, s.ratio, s.timeMs));
    byWindow.set(s.seconds, lines);
  }
  return [...byWindow]
    .map(([seconds, lines]) => slothFamilyHeader(seconds) + lines.join(''))
    .join('');
}
