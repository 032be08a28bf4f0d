/** What one check of a fault run found: mismatches fail the run, notes go into the summary. */
export type CheckResult = { mismatches: string[]; notes: string[] };

/** Mismatches listed one per line, at most `limit` of each kind, then a count. */
export function capped(lines: string[], limit = 10): string[] {
  return lines.length <= limit
    ? lines
    : [...lines.slice(0, limit), `... and ${lines.length - limit} more`];
}
