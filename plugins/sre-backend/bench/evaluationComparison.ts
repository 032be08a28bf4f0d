import { SloStatus } from '@sre-catalog/backstage-plugin-sre-common';

/** Both paths must give the same numbers before their speed is compared. */
export function compare(
  ours: Map<string, SloStatus>,
  peer: Map<string, SloStatus>,
): string[] {
  const problems: string[] = [];
  const close = (a: number | null, b: number | null) =>
    a === b ||
    (a !== null &&
      b !== null &&
      Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)));
  for (const [ref, p] of peer) {
    const o = ours.get(ref);
    if (!o) {
      problems.push(`${ref}: missing from ours`);
      continue;
    }
    const fields: Array<[string, number | null, number | null]> = [
      ['sli', o.sli, p.sli],
      ['errorBudgetRemaining', o.errorBudgetRemaining, p.errorBudgetRemaining],
      ...Object.entries(o.burnRates).map(
        ([w, v]) =>
          [`burnRates.${w}`, v, p.burnRates[w as keyof typeof p.burnRates]] as [
            string,
            number | null,
            number | null,
          ],
      ),
    ];
    for (const [field, a, b] of fields) {
      if (!close(a, b))
        problems.push(`${ref} ${field}: ours ${a}, Prometheus ${b}`);
    }
    if (o.alert !== p.alert) {
      problems.push(`${ref} alert: ours ${o.alert}, Prometheus ${p.alert}`);
    }
  }
  return problems;
}
