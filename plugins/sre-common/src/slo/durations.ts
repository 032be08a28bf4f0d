/**
 * OpenSLO durations: a positive integer and a unit. `m` is a minute and `M` a month,
 * as the spec says; `w`, `Q` and `y` are accepted for calendar windows.
 */
const FIXED_UNITS_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/** @public A parsed duration: fixed length, or calendar units of variable length. */
export type SloDuration =
  | { kind: 'fixed'; ms: number; text: string }
  | { kind: 'calendar'; unit: 'M' | 'Q' | 'y'; count: number; text: string };

/** @public Parses `28d`, `1h`, `5m`, `1M`…; returns undefined when malformed. */
export function parseSloDuration(text: string): SloDuration | undefined {
  const match = /^([1-9][0-9]{0,5})([smhdwMQy])$/.exec(text.trim());
  if (!match) return undefined;
  const count = Number(match[1]);
  const unit = match[2];
  if (unit === 'M' || unit === 'Q' || unit === 'y') {
    return { kind: 'calendar', unit, count, text };
  }
  return { kind: 'fixed', ms: count * FIXED_UNITS_MS[unit], text };
}

/** @public Formats milliseconds the way the windows are named: `5m`, `1h`, `3d`. */
export function formatWindow(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's']) {
    const size = FIXED_UNITS_MS[unit];
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
