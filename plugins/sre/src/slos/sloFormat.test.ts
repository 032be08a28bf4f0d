import {
  firingWindows,
  formatBurnRate,
  formatSli,
  formatThreshold,
  targetPercent,
} from './sloFormat';
import { overspentSlo, pagingSlo } from '../__testUtils__/sloFixtures';

describe('SLO number formats', () => {
  it('shows targets as percentages with only the decimals they need', () => {
    expect(targetPercent(0.999)).toBe('99.9%');
    expect(targetPercent(0.9995)).toBe('99.95%');
    expect(targetPercent(0.99)).toBe('99%');
    expect(targetPercent(0.995)).toBe('99.5%');
    expect(targetPercent(0.99999)).toBe('99.999%');
  });

  it('shows the SLI two decimals finer than the target and never rounds it up to the target', () => {
    expect(formatSli(0.9997, 0.999)).toBe('99.970%');
    expect(formatSli(0.998999, 0.999)).toBe('99.899%');
    expect(formatSli(0.999, 0.999)).toBe('99.900%');
    expect(formatSli(0.9931, 0.99)).toBe('99.31%');
    expect(formatSli(null, 0.99)).toBe('—');
  });

  it('formats burn rates as multiples', () => {
    expect(formatBurnRate(14.4)).toBe('14.4×');
    expect(formatBurnRate(0.3)).toBe('0.3×');
    expect(formatBurnRate(0.9333333)).toBe('0.93×');
    expect(formatBurnRate(null)).toBe('—');
    expect(formatThreshold(13.44)).toBe('13.44×');
    expect(formatThreshold(0.9333333)).toBe('0.93×');
    expect(formatThreshold(6)).toBe('6×');
  });

  it('finds the windows of firing rules, page before ticket', () => {
    const windows = firingWindows([
      ...pagingSlo.rules,
      { ...overspentSlo.rules[2], firing: true },
    ]);
    expect(Object.fromEntries(windows)).toEqual({
      '1h': 'page',
      '5m': 'page',
      '1d': 'ticket',
      '2h': 'ticket',
    });
  });
});
