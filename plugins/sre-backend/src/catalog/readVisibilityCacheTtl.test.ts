import { ConfigReader } from '@backstage/config';
import { readVisibilityCacheTtlMs } from './readVisibilityCacheTtl';

const read = (cacheTtl: string | number | Record<string, number>) =>
  readVisibilityCacheTtlMs(
    new ConfigReader({ sre: { visibility: { cacheTtl } } }),
  );

describe('readVisibilityCacheTtlMs', () => {
  it('defaults to 10 s', () => {
    expect(readVisibilityCacheTtlMs(new ConfigReader({}))).toBe(10_000);
  });

  it('reads durations, and 0 to turn the cache off', () => {
    expect(read('30s')).toBe(30_000);
    expect(read({ seconds: 5 })).toBe(5_000);
    expect(read('0s')).toBe(0);
    expect(read(0)).toBe(0);
  });

  it('refuses what is no duration, negative or over an hour', () => {
    expect(() => read('soon')).toThrow(
      /^Invalid config sre.visibility.cacheTtl: .*use a duration such as 10s/,
    );
    expect(() => read({ seconds: -1 })).toThrow('must be from 0 to 1 hour');
    expect(() => read({ hours: 2 })).toThrow('must be from 0 to 1 hour');
  });
});
