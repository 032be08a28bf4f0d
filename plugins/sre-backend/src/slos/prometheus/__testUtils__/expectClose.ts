/**
 * Expects `actual` to be `expected` but for float rounding (1e-9 relative, or
 * absolute below 1): what stays between numbers computed from Prometheus' sums
 * and from the same events counted directly. `null` expects `null`.
 */
export function expectClose(actual: unknown, expected: number | null) {
  if (expected === null) {
    expect(actual).toBeNull();
    return;
  }
  if (typeof actual !== 'number') throw new Error(`not a number: ${actual}`);
  const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance);
}
