import { mockServices } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { collateDocuments, collatorOptions } from '../__testUtils__/collate';
import { component, postmortem } from '../__testUtils__/fixtures';
import {
  SEARCH_SERVICE_AUTHORIZATION,
  SRE_BASE_URL,
  setupSreBackend,
} from '../__testUtils__/sreBackend';
import { Postmortem as SrePostmortem } from '@sre-catalog/backstage-plugin-sre-common';
import { SrePostmortemDocument } from '../types';
import { SrePostmortemCollatorFactory } from './SrePostmortemCollatorFactory';

const server = setupSreBackend();

const entities = [
  component('checkout-api', { owner: 'payments' }),
  component('payment-gateway', { owner: 'group:finance/billing' }),
  component('search-indexer', { owner: 'group:default/search' }),
];

type Request = { url: URL; authorization: string | null };

/**
 * Serves `postmortems` the way the sre backend pages them, and records every
 * request.
 */
function servePostmortems(postmortems: SrePostmortem[]): Request[] {
  const requests: Request[] = [];
  server.use(
    http.get(`${SRE_BASE_URL}/postmortems`, ({ request }) => {
      const url = new URL(request.url);
      requests.push({
        url,
        authorization: request.headers.get('authorization'),
      });
      const offset = Number(url.searchParams.get('offset'));
      const limit = Number(url.searchParams.get('limit'));
      return HttpResponse.json({
        items: postmortems.slice(offset, offset + limit),
        totalCount: postmortems.length,
      });
    }),
  );
  return requests;
}

async function collate() {
  const options = collatorOptions(entities);
  const getEntitiesByRefs = jest.spyOn(options.catalog, 'getEntitiesByRefs');
  const { documents, error } = await collateDocuments<SrePostmortemDocument>(
    SrePostmortemCollatorFactory.fromConfig(mockServices.rootConfig(), options),
  );
  return { documents, error, getEntitiesByRefs, logger: options.logger };
}

describe('SrePostmortemCollatorFactory', () => {
  it('has the sre-postmortem type, and sre.postmortem.read on each postmortem as its visibility', () => {
    const factory = SrePostmortemCollatorFactory.fromConfig(
      mockServices.rootConfig(),
      collatorOptions(),
    );
    expect(factory.type).toBe('sre-postmortem');
    expect(factory.visibilityPermission).toEqual({
      type: 'resource',
      name: 'sre.postmortem.read',
      attributes: { action: 'read' },
      resourceType: 'sre-postmortem',
    });
  });

  it('indexes a published postmortem with its services, their teams and a link to the first service', async () => {
    servePostmortems([
      postmortem('pm-1', {
        title: 'Checkout 502s after the payment gateway deploy',
        severity: 'SEV1',
        startedAt: '2025-02-11T14:02:00Z',
        entityRefs: [
          'component:default/checkout-api',
          'component:default/payment-gateway',
        ],
        summary: 'Checkout answered 502 for 38 minutes.',
        impact: '12% of orders failed.',
        lessons: 'Canary the gateway.\nAlert on 502 ratio.',
        tags: ['deploy', 'payments'],
      }),
    ]);

    const { documents, error } = await collate();

    expect(error).toBeUndefined();
    expect(documents).toEqual([
      {
        title: 'Checkout 502s after the payment gateway deploy',
        text: [
          'Checkout answered 502 for 38 minutes.',
          '12% of orders failed.',
          'Canary the gateway.\nAlert on 502 ratio.',
          'deploy payments',
          'Services: checkout-api, payment-gateway',
          'Teams: payments, finance/billing',
        ].join('\n\n'),
        location: '/catalog/default/component/checkout-api/postmortems/pm-1',
        authorization: { resourceRef: 'pm-1' },
        postmortemId: 'pm-1',
        severity: 'SEV1',
        status: 'published',
        startedAt: '2025-02-11T14:02:00Z',
        entityRefs: [
          'component:default/checkout-api',
          'component:default/payment-gateway',
        ],
        entityRef: 'component:default/checkout-api',
        owner: 'group:default/payments',
        owners: ['group:default/payments', 'group:finance/billing'],
        tags: ['deploy', 'payments'],
      },
    ]);
  });

  it('makes each document the postmortem resource that sre.postmortem.read is decided on', async () => {
    servePostmortems([
      postmortem('pm-1'),
      postmortem('pm-2', {
        entityRefs: [
          'component:default/payment-gateway',
          'component:default/checkout-api',
        ],
      }),
    ]);

    const { documents } = await collate();

    // The postmortem id, not its first entity: a policy decides on the whole
    // postmortem (all its entities, whether one is restricted), not on one entity.
    expect(
      documents.map(d => [d.postmortemId, d.authorization?.resourceRef]),
    ).toEqual([
      ['pm-1', 'pm-1'],
      ['pm-2', 'pm-2'],
    ]);
  });

  it('asks only for published postmortems with a service token for the sre plugin', async () => {
    const requests = servePostmortems([postmortem('pm-1')]);

    await collate();

    expect(requests).toHaveLength(1);
    expect(requests[0].url.searchParams.get('status')).toBe('published');
    expect(requests[0].authorization).toBe(SEARCH_SERVICE_AUTHORIZATION);
  });

  it('never indexes a postmortem that is not published, even if the API returns one', async () => {
    servePostmortems([
      postmortem('pm-1'),
      postmortem('pm-draft', { status: 'draft' }),
      postmortem('pm-review', { status: 'in-review' }),
    ]);

    const { documents } = await collate();

    expect(documents.map(d => d.postmortemId)).toEqual(['pm-1']);
  });

  it('pages through every postmortem, 100 at a time, with one catalog call per page', async () => {
    const all = Array.from({ length: 230 }, (_, i) =>
      postmortem(`pm-${i}`, {
        entityRefs: [
          i % 2 === 0
            ? 'component:default/checkout-api'
            : 'component:default/search-indexer',
        ],
      }),
    );
    const requests = servePostmortems(all);

    const { documents, getEntitiesByRefs } = await collate();

    expect(requests.map(r => r.url.searchParams.get('offset'))).toEqual([
      '0',
      '100',
      '200',
    ]);
    expect(requests.map(r => r.url.searchParams.get('limit'))).toEqual([
      '100',
      '100',
      '100',
    ]);
    expect(documents.map(d => d.postmortemId)).toEqual(all.map(p => p.id));
    expect(documents[1].owner).toBe('group:default/search');
    expect(getEntitiesByRefs).toHaveBeenCalledTimes(3);
    expect(getEntitiesByRefs.mock.calls[0][0].entityRefs).toEqual([
      'component:default/checkout-api',
      'component:default/search-indexer',
    ]);
  });

  it('follows the pages the backend returns when it caps the page size', async () => {
    const all = Array.from({ length: 120 }, (_, i) => postmortem(`pm-${i}`));
    const offsets: string[] = [];
    server.use(
      http.get(`${SRE_BASE_URL}/postmortems`, ({ request }) => {
        const offset = new URL(request.url).searchParams.get('offset')!;
        offsets.push(offset);
        const start = Number(offset);
        return HttpResponse.json({
          items: all.slice(start, start + 50),
          totalCount: all.length,
        });
      }),
    );

    const { documents } = await collate();

    expect(offsets).toEqual(['0', '50', '100']);
    expect(documents).toHaveLength(120);
  });

  it('indexes a postmortem of a service unknown to the catalog without a team', async () => {
    servePostmortems([
      postmortem('pm-1', { entityRefs: ['component:default/retired-service'] }),
    ]);

    const { documents } = await collate();

    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({
      entityRef: 'component:default/retired-service',
      owner: undefined,
      owners: [],
      location: '/catalog/default/component/retired-service/postmortems/pm-1',
    });
    expect(documents[0].text).not.toContain('Teams:');
  });

  it('takes the team of a later service when the first one has no owner', async () => {
    servePostmortems([
      postmortem('pm-1', {
        entityRefs: [
          'component:default/retired-service',
          'component:default/payment-gateway',
        ],
      }),
    ]);

    const { documents } = await collate();

    expect(documents[0].owner).toBe('group:finance/billing');
    expect(documents[0].entityRef).toBe('component:default/retired-service');
  });

  it('falls back to the owners recorded on the postmortem when the catalog knows none of its services', async () => {
    servePostmortems([
      postmortem('pm-1', {
        entityRefs: ['component:default/retired-service'],
        ownerRefs: ['group:default/legacy-team'],
      }),
      postmortem('pm-2', {
        entityRefs: ['component:default/checkout-api'],
        ownerRefs: ['group:default/legacy-team'],
      }),
    ]);

    const { documents } = await collate();

    expect(documents.map(d => [d.owner, d.owners])).toEqual([
      ['group:default/legacy-team', ['group:default/legacy-team']],
      ['group:default/payments', ['group:default/payments']],
    ]);
  });

  it('skips a postmortem without a valid affected entity and logs it', async () => {
    servePostmortems([
      postmortem('pm-1', { entityRefs: [] }),
      postmortem('pm-2', { entityRefs: ['not a ref'] }),
      postmortem('pm-3'),
    ]);

    const { documents, logger } = await collate();

    expect(documents.map(d => d.postmortemId)).toEqual(['pm-3']);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('Postmortem pm-1'),
    );
  });

  it('fails the run when the sre backend fails, so that the previous index is kept', async () => {
    server.use(
      http.get(`${SRE_BASE_URL}/postmortems`, () =>
        HttpResponse.json(
          { error: { name: 'Error', message: 'database is down' } },
          { status: 500 },
        ),
      ),
    );

    const { error } = await collate();

    expect(String(error)).toContain('500');
  });
});
