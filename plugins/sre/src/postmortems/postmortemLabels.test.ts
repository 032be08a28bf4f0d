import { formatDuration, policyFlagMessage } from './postmortemLabels';
import { sreTranslate as t } from '../__testUtils__/sreTranslate';

describe('postmortem labels', () => {
  it('says how long an incident phase took, leaving out empty units', () => {
    const start = '2026-11-20T08:00:00Z';
    expect(formatDuration(t, start, '2026-11-20T09:25:00Z')).toBe('1 h 25 min');
    expect(formatDuration(t, start, start)).toBe('0 min');
    expect(formatDuration(t, start, '2026-11-22T08:03:00Z')).toBe('2 d 3 min');
    expect(formatDuration(t, start, '2026-11-20T07:00:00Z')).toBeUndefined();
    expect(formatDuration(t, start, undefined)).toBeUndefined();
  });

  it('states the error budget policy with its threshold', () => {
    expect(policyFlagMessage(t)).toMatch(
      /^This incident used more than \d+% of an SLO's budget: add a P0 action item\.$/,
    );
  });
});
