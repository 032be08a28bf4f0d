import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { RegisterCollatorParameters } from '@backstage/plugin-search-backend-node';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { SrePostmortemCollatorFactory } from './collators/SrePostmortemCollatorFactory';
import { SreRunbookCollatorFactory } from './collators/SreRunbookCollatorFactory';
import { searchModuleSre } from './module';

async function startModule(config: object = {}) {
  const addCollator = jest.fn<void, [RegisterCollatorParameters]>();
  const scheduler = mockServices.scheduler.mock();
  scheduler.createScheduledTaskRunner.mockImplementation(schedule => ({
    run: jest.fn(),
    schedule,
  }));
  await startTestBackend({
    extensionPoints: [
      [
        searchIndexRegistryExtensionPoint,
        { addCollator, addDecorator: jest.fn() },
      ],
    ],
    features: [
      searchModuleSre,
      catalogServiceMock.factory(),
      scheduler.factory,
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  return addCollator.mock.calls.map(([options]) => ({
    factory: options.factory,
    schedule: (options.schedule as unknown as { schedule: unknown }).schedule,
  }));
}

describe('searchModuleSre', () => {
  it('registers the postmortem and runbook collators, every 10 minutes from a minute after start', async () => {
    const collators = await startModule();

    expect(collators).toHaveLength(2);
    expect(collators[0].factory).toBeInstanceOf(SrePostmortemCollatorFactory);
    expect(collators[0].factory.type).toBe('sre-postmortem');
    expect(collators[1].factory).toBeInstanceOf(SreRunbookCollatorFactory);
    expect(collators[1].factory.type).toBe('sre-runbook');
    for (const { schedule } of collators) {
      expect(schedule).toEqual({
        frequency: { minutes: 10 },
        timeout: { minutes: 15 },
        initialDelay: { minutes: 1 },
      });
    }
  });

  it('reads each schedule from its own config key', async () => {
    const collators = await startModule({
      search: {
        collators: {
          srePostmortems: {
            schedule: { frequency: { hours: 1 }, timeout: { minutes: 5 } },
          },
          sreRunbooks: {
            schedule: {
              frequency: { cron: '*/30 * * * *' },
              timeout: 'PT20M',
              initialDelay: { seconds: 10 },
            },
          },
        },
      },
    });

    expect(collators.map(c => c.schedule)).toEqual([
      { frequency: { hours: 1 }, timeout: { minutes: 5 } },
      {
        frequency: { cron: '*/30 * * * *' },
        timeout: { minutes: 20 },
        initialDelay: { seconds: 10 },
      },
    ]);
  });

  it('refuses to start with a malformed schedule, naming the key', async () => {
    await expect(
      startModule({
        search: {
          collators: { sreRunbooks: { schedule: { frequency: 'often' } } },
        },
      }),
    ).rejects.toThrow('search.collators.sreRunbooks.schedule');
  });
});
