import {
  createMockDirectory,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DefaultRunbooksService } from './DefaultRunbooksService';
import { sloAlerts } from './__testUtils__/sloAlerts';

const nowMs = Date.parse('2026-06-30T12:00:00Z');
const credentials = mockCredentials.user();

const builtinRatio = {
  ratioMetric: {
    counter: true,
    good: { metricSource: { type: 'builtin' } },
    total: { metricSource: { type: 'builtin' } },
  },
};

function sloEntity(
  name: string,
  spec: Record<string, unknown>,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name, namespace: 'default', annotations },
    spec: {
      service: 'checkout-api',
      budgetingMethod: 'Occurrences',
      timeWindow: [{ duration: '28d', isRolling: true }],
      objectives: [{ target: 0.999 }],
      ...spec,
    },
  };
}

const sli: Entity = {
  apiVersion: 'openslo/v1',
  kind: 'SLI',
  metadata: { name: 'checkout-requests', namespace: 'default' },
  spec: builtinRatio,
};

describe('DefaultRunbooksService', () => {
  const mockDir = createMockDirectory({
    content: {
      'entities.yaml': '# the catalog file',
      'runbooks/checkout-api/error-rate.md': [
        '---',
        'title: Checkout error rate high',
        'alerts: [checkout-api-availability:page, checkout-api-availability:ticket]',
        'last-reviewed: 2026-05-20',
        '---',
        '# Checkout error rate high',
        '',
        'Roll back the last deploy.',
      ].join('\n'),
      'runbooks/checkout-api/provider-down.md': [
        '---',
        'title: Payment provider down',
        'alerts: [PaymentProviderDown]',
        'last-reviewed: 2025-10-01',
        '---',
        'Fail over to the secondary provider.',
      ].join('\n'),
      'runbooks/checkout-api/broken.md': '---\ntitle: [\n---\nStill readable.',
    },
  });

  const checkoutApi: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout-api',
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `file:${mockDir.resolve(
          'entities.yaml',
        )}`,
        'sre-catalog.io/runbooks': 'dir:./runbooks/checkout-api',
      },
      links: [
        {
          url: 'https://wiki.example.com/checkout/on-call',
          title: 'Checkout on-call handbook',
          type: 'runbook',
        },
        { url: 'https://grafana.example.com/checkout', type: 'dashboard' },
      ],
    },
    spec: { type: 'service', owner: 'checkout-team' },
    relations: [
      { type: 'hasSlo', targetRef: 'slo:default/checkout-api-availability' },
      { type: 'hasSlo', targetRef: 'slo:default/checkout-api-latency' },
      { type: 'hasSlo', targetRef: 'slo:default/checkout-api-broken' },
      { type: 'ownedBy', targetRef: 'group:default/checkout-team' },
    ],
  };

  const entities = [
    checkoutApi,
    sli,
    sloEntity('checkout-api-availability', {
      indicatorRef: 'checkout-requests',
    }),
    sloEntity(
      'checkout-api-latency',
      { indicator: { metadata: { name: 'fast' }, spec: builtinRatio } },
      {
        'sre-catalog.io/runbook-url':
          'https://runbooks.example.com/checkout/latency',
      },
    ),
    sloEntity('checkout-api-broken', { indicatorRef: 'no-such-sli' }),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'bad-annotation',
        namespace: 'default',
        annotations: { 'sre-catalog.io/runbooks': 'runbooks/here' },
      },
      spec: {},
    },
  ];

  const service = (catalog = catalogServiceMock({ entities })) =>
    DefaultRunbooksService.fromConfig(
      new ConfigReader({ sre: { runbooks: { staleAfterDays: 180 } } }),
      {
        catalog,
        urlReader: mockServices.urlReader.mock(),
        now: () => nowMs,
      },
    );

  it('merges the annotation folder, the links and the SLO runbook URLs, and maps the alerts', async () => {
    const result = await service().getRunbooks(
      { kind: 'component', namespace: 'default', name: 'checkout-api' },
      { credentials },
    );
    expect(
      result.runbooks.map(r => [r.source, r.title, r.lastReviewed, r.stale]),
    ).toEqual([
      ['file', 'broken', null, true],
      ['file', 'Checkout error rate high', '2026-05-20', false],
      ['file', 'Payment provider down', '2025-10-01', true],
      ['link', 'Checkout on-call handbook', null, true],
      ['slo', 'Runbook of the SLO checkout-api-latency', null, true],
    ]);
    const [broken, errorRate, providerDown, , latency] = result.runbooks;
    expect(broken.markdown).toBe('Still readable.');
    expect(errorRate).toMatchObject({
      path: 'error-rate.md',
      markdown: '# Checkout error rate high\n\nRoll back the last deploy.',
    });
    expect(errorRate.url).toBeUndefined();
    expect(latency.url).toBe('https://runbooks.example.com/checkout/latency');

    expect(result.alerts).toEqual([
      ...sloAlerts('checkout-api-availability', [errorRate.id]),
      ...sloAlerts('checkout-api-latency', [latency.id]),
      { name: 'PaymentProviderDown', runbookIds: [providerDown.id] },
    ]);
    expect(result.uncoveredAlerts).toEqual([]);
    expect(result.problems).toEqual([
      {
        source: 'file',
        location: 'broken.md',
        message: expect.stringMatching(
          /^broken\.md: the front matter is not valid YAML/,
        ),
      },
      {
        source: 'slo',
        location: 'slo:default/checkout-api-broken',
        message: expect.stringMatching(
          /^SLO slo:default\/checkout-api-broken is invalid \(spec\.indicatorRef: .*no-such-sli.*\); its alerts and runbook URLs are left out$/,
        ),
      },
    ]);
    expect(result).toMatchObject({
      entityRef: 'component:default/checkout-api',
      staleAfterDays: 180,
    });
  });

  it('lists the alerts no runbook covers', async () => {
    const withoutFolder: Entity = {
      ...checkoutApi,
      metadata: { ...checkoutApi.metadata, annotations: {}, links: [] },
    };
    const catalog = catalogServiceMock({
      entities: [withoutFolder, ...entities.slice(1)],
    });
    const result = await service(catalog).getRunbooks(
      { kind: 'component', namespace: 'default', name: 'checkout-api' },
      { credentials },
    );
    expect(result.uncoveredAlerts).toEqual([
      'checkout-api-availability:page',
      'checkout-api-availability:ticket',
    ]);
  });

  it('reports a broken annotation as a problem', async () => {
    const result = await service().getRunbooks(
      { kind: 'component', namespace: 'default', name: 'bad-annotation' },
      { credentials },
    );
    expect(result).toEqual({
      entityRef: 'component:default/bad-annotation',
      runbooks: [],
      alerts: [],
      uncoveredAlerts: [],
      problems: [
        {
          source: 'annotation',
          message:
            'sre-catalog.io/runbooks must be dir:<path relative to the catalog file> or url:<location>, not "runbooks/here"',
        },
      ],
      staleAfterDays: 180,
    });
  });

  it('reports SLOs the catalog cannot return as a problem, keeping the other sources', async () => {
    const catalog = catalogServiceMock({ entities });
    const getEntitiesByRefs = jest
      .spyOn(catalog, 'getEntitiesByRefs')
      .mockRejectedValue(new Error('catalog timed out'));
    const result = await service(catalog).getRunbooks(
      { kind: 'component', namespace: 'default', name: 'checkout-api' },
      { credentials },
    );
    expect(getEntitiesByRefs).toHaveBeenCalledWith(expect.anything(), {
      credentials,
    });
    expect(result.runbooks).toHaveLength(4);
    expect(result.problems).toContainEqual({
      source: 'slo',
      message:
        "The service's SLOs could not be read from the catalog, so their alerts are missing: catalog timed out",
    });
  });

  it('throws NotFoundError for an entity the caller cannot see', async () => {
    await expect(
      service().getRunbooks(
        { kind: 'component', namespace: 'default', name: 'nope' },
        { credentials },
      ),
    ).rejects.toThrow(NotFoundError);
  });

  describe('where runbook files may come from', () => {
    const fromGithub = (name: string, runbooks: string): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        namespace: 'default',
        annotations: {
          'backstage.io/managed-by-location':
            'url:https://github.com/acme/shop/blob/main/catalog-info.yaml',
          'sre-catalog.io/runbooks': runbooks,
        },
      },
      spec: {},
    });
    const remote = [
      fromGithub('own-dir', 'dir:./docs/runbooks'),
      fromGithub('own-url', 'url:https://github.com/acme/shop/tree/main/ops'),
      fromGithub('shared', 'url:https://github.com/acme/runbooks/tree/main/x'),
      fromGithub('elsewhere', 'url:https://github.com/evil/repo/tree/main/x'),
      fromGithub('metadata', 'url:http://169.254.169.254/latest/meta-data'),
      fromGithub('escape', 'dir:../../../evil/repo/tree/main/x'),
    ];

    function remoteService(allowedLocations?: string[]) {
      const urlReader = mockServices.urlReader.mock({
        readTree: jest.fn(async (_url, options) => ({
          etag: 'e',
          files: async () =>
            options?.filter?.('a.md', { size: 3 }) === false
              ? []
              : [{ path: 'a.md', content: async () => Buffer.from('# A') }],
          archive: jest.fn(),
          dir: jest.fn(),
        })),
      });
      const runbooks = DefaultRunbooksService.fromConfig(
        new ConfigReader({ sre: { runbooks: { allowedLocations } } }),
        {
          catalog: catalogServiceMock({ entities: remote }),
          urlReader,
          now: () => nowMs,
        },
      );
      const get = (name: string) =>
        runbooks.getRunbooks(
          { kind: 'component', namespace: 'default', name },
          { credentials },
        );
      return { urlReader, get };
    }

    it('reads the entity’s own repository, by dir: or url:', async () => {
      const { urlReader, get } = remoteService();
      for (const name of ['own-dir', 'own-url']) {
        const result = await get(name);
        expect(result.problems).toEqual([]);
        expect(result.runbooks.map(r => r.title)).toEqual(['A']);
      }
      expect(urlReader.readTree.mock.calls.map(c => c[0])).toEqual([
        'https://github.com/acme/shop/tree/main/docs/runbooks',
        'https://github.com/acme/shop/tree/main/ops',
      ]);
    });

    it('fetches nothing from elsewhere, and says so on the Runbooks tab', async () => {
      const { urlReader, get } = remoteService();
      for (const [name, target] of [
        ['shared', 'https://github.com/acme/runbooks/tree/main/x'],
        ['elsewhere', 'https://github.com/evil/repo/tree/main/x'],
        ['metadata', 'http://169.254.169.254/latest/meta-data'],
        // resolveUrl keeps the owner; the repository is not the entity's.
        ['escape', 'https://github.com/acme/evil/repo/tree/main/x'],
      ]) {
        const result = await get(name);
        expect(result.runbooks).toEqual([]);
        expect(result.problems).toEqual([
          {
            source: 'annotation',
            location: target,
            message: expect.stringContaining(
              `: ${target} is not read: it is outside the entity's source repository (https://github.com/acme/shop/) and not under sre.runbooks.allowedLocations`,
            ),
          },
        ]);
        expect(result.problems[0].message).toMatch(
          /^sre-catalog\.io\/runbooks "(url|dir):/,
        );
      }
      expect(urlReader.readTree).not.toHaveBeenCalled();
      expect(urlReader.readUrl).not.toHaveBeenCalled();
    });

    it('reads from the prefixes of sre.runbooks.allowedLocations', async () => {
      const { urlReader, get } = remoteService([
        'https://github.com/acme/runbooks/',
      ]);
      expect((await get('shared')).runbooks.map(r => r.title)).toEqual(['A']);
      expect((await get('elsewhere')).problems).toHaveLength(1);
      expect(urlReader.readTree).toHaveBeenCalledTimes(1);
    });

    it('refuses a bad allowedLocations entry at start-up', () => {
      expect(() =>
        remoteService(['https://ci:token@github.com/acme/runbooks']),
      ).toThrow(
        'Invalid config sre.runbooks.allowedLocations[0]: the URL must not hold credentials; the URL reader takes them from the integrations config',
      );
      expect(() => remoteService(['github.com/acme'])).toThrow(
        'Invalid config sre.runbooks.allowedLocations[0]: "github.com/acme" is not a URL such as https://github.com/acme/runbooks',
      );
    });
  });

  it('refuses a staleAfterDays that is not a whole number of days', () => {
    expect(() =>
      DefaultRunbooksService.fromConfig(
        new ConfigReader({ sre: { runbooks: { staleAfterDays: 0 } } }),
        {
          catalog: catalogServiceMock(),
          urlReader: mockServices.urlReader.mock(),
        },
      ),
    ).toThrow(
      'Invalid config sre.runbooks.staleAfterDays: 0; it must be a whole number of days from 1 to 3650',
    );
  });
});
