import { formatWindow, parseSloDuration } from './durations';

describe('parseSloDuration', () => {
  it('tells a minute from a month', () => {
    expect(parseSloDuration('1m')).toEqual({
      kind: 'fixed',
      ms: 60_000,
      text: '1m',
    });
    expect(parseSloDuration('1M')).toEqual({
      kind: 'calendar',
      unit: 'M',
      count: 1,
      text: '1M',
    });
  });

  it('reads the usual periods', () => {
    expect(parseSloDuration('28d')).toMatchObject({ ms: 28 * 86_400_000 });
    expect(parseSloDuration('4w')).toMatchObject({ ms: 28 * 86_400_000 });
    expect(parseSloDuration('1Q')).toMatchObject({ kind: 'calendar' });
  });

  it.each(['', '0d', '-1d', '1.5h', '1 d', 'd', '30', '1D', '9999999d'])(
    'rejects %j',
    text => expect(parseSloDuration(text)).toBeUndefined(),
  );

  it('formats windows', () => {
    expect(formatWindow(300_000)).toBe('5m');
    expect(formatWindow(3 * 86_400_000)).toBe('3d');
  });
});
