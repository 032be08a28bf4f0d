import { ConfigReader } from '@backstage/config';
import { DEFAULT_RESPONSIBILITY_BASELINE } from './baseline';
import { readOwnershipConfig } from './readOwnershipConfig';

describe('readOwnershipConfig', () => {
  it('falls back to the shipped baseline', () => {
    expect(readOwnershipConfig(new ConfigReader({}))).toEqual({
      baseline: DEFAULT_RESPONSIBILITY_BASELINE,
    });
  });

  it('reads plain and per-model parties and normalises team refs', () => {
    const config = new ConfigReader({
      sre: {
        centralSreTeam: 'reliability-engineering',
        platformTeam: 'group:default/Platform',
        responsibilities: {
          release: 'team',
          alerting: { default: 'team', central: 'central-sre' },
          network: 'group:default/netops',
        },
      },
    });
    expect(readOwnershipConfig(config)).toEqual({
      baseline: {
        release: 'team',
        alerting: { default: 'team', central: 'central-sre' },
        network: 'group:default/netops',
      },
      centralSreTeam: 'group:default/reliability-engineering',
      platformTeam: 'group:default/platform',
    });
  });

  it.each([
    [
      { responsibilities: { release: 'everyone' } },
      'sre.responsibilities.release',
    ],
    [
      { responsibilities: { alerting: { default: 'team', solo: 'team' } } },
      'sre.responsibilities.alerting.solo',
    ],
    [
      { responsibilities: { 'Bad Area': 'team' } },
      'sre.responsibilities.Bad Area',
    ],
    [{ centralSreTeam: 'user:default/bob' }, 'sre.centralSreTeam'],
  ])('names the bad key in %j', (sre, key) => {
    expect(() => readOwnershipConfig(new ConfigReader({ sre }))).toThrow(key);
  });
});
