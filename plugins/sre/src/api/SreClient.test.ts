import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupSreBackend } from '../__testUtils__/backstageFetchApi';
import {
  CoverageResponse,
  ListSlosResponse,
  Ownership,
  SloHistoryResponse,
  TeamSreSupport,
} from '@sre-catalog/backstage-plugin-sre-common';
import {
  deadLetter,
  healthyEvaluator,
  pagingSlo,
} from '../__testUtils__/sloFixtures';

const ownership: Ownership = {
  entityRef: 'component:default/payment-gateway',
  engagement: 'central',
  engagementSource: 'system',
  embeddedSres: [],
  embeddedSresSource: 'none',
  centralSre: 'group:default/reliability-engineering',
  centralSreSource: 'system',
  interactionModeSource: 'none',
  sreSupport: 'supported',
  responsibilities: [],
  gaps: [],
  problems: [],
};

const coverage: CoverageResponse = {
  totals: {
    services: 0,
    byEngagement: {
      embedded: 0,
      central: 0,
      enabling: 0,
      platform: 0,
      hybrid: 0,
      none: 0,
      undeclared: 0,
    },
    bySupport: { supported: 0, unstaffed: 0, none: 0, undeclared: 0 },
    withGaps: 0,
    withProblems: 0,
  },
  services: [],
};

const team: TeamSreSupport = {
  entityRef: 'group:default/checkout-team',
  problems: [],
  supports: [],
  owned: { services: 0, unsupported: 0, withGaps: 0 },
};

describe('SreClient', () => {
  const { server, client, discoveryApi, fetchApi, baseUrl } = setupSreBackend();

  it('asks the sre backend for ownership by lower-cased kind, namespace and name', async () => {
    let requested: URL | undefined;
    server.use(
      http.get(`${baseUrl}/ownership/:kind/:namespace/:name`, ({ request }) => {
        requested = new URL(request.url);
        return HttpResponse.json(ownership);
      }),
    );

    await expect(
      client.getOwnership({
        kind: 'Component',
        namespace: 'Default',
        name: 'Payment-Gateway',
      }),
    ).resolves.toEqual(ownership);

    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('sre');
    expect(fetchApi.fetch).toHaveBeenCalledTimes(1);
    expect(requested?.pathname).toBe(
      '/api/sre/ownership/component/default/payment-gateway',
    );
  });

  it('URL-encodes the path segments of a string ref', async () => {
    let pathname: string | undefined;
    server.use(
      http.get(`${baseUrl}/ownership/*`, ({ request }) => {
        pathname = new URL(request.url).pathname;
        return HttpResponse.json(ownership);
      }),
    );

    await client.getOwnership('resource:team a/db#1');

    expect(pathname).toBe('/api/sre/ownership/resource/team%20a/db%231');
  });

  it('throws a ResponseError with the backend message when the entity is unknown', async () => {
    server.use(
      http.get(`${baseUrl}/ownership/:kind/:namespace/:name`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotFoundError',
              message: 'No entity component:default/nope',
            },
            request: {
              method: 'GET',
              url: '/api/sre/ownership/component/default/nope',
            },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );

    const error = await client
      .getOwnership('component:default/nope')
      .catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.body.error.message).toBe('No entity component:default/nope');
  });

  it('sends the coverage filters as owner and system query parameters', async () => {
    const queries: URLSearchParams[] = [];
    server.use(
      http.get(`${baseUrl}/coverage`, ({ request }) => {
        queries.push(new URL(request.url).searchParams);
        return HttpResponse.json(coverage);
      }),
    );

    await expect(client.getCoverage()).resolves.toEqual(coverage);
    await client.getCoverage({
      owner: 'group:default/payments-team',
      system: 'Payments',
    });

    expect([...queries[0].keys()]).toEqual([]);
    expect(queries[1].get('owner')).toBe('group:default/payments-team');
    expect(queries[1].get('system')).toBe('system:default/payments');
  });

  it('throws a ResponseError when coverage fails', async () => {
    server.use(
      http.get(`${baseUrl}/coverage`, () =>
        HttpResponse.json(
          {
            error: { name: 'InputError', message: 'Invalid owner' },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );

    const error = await client.getCoverage({ owner: 'group:x' }).catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
  });

  it('asks for a team by namespace and name only', async () => {
    let pathname: string | undefined;
    server.use(
      http.get(`${baseUrl}/teams/:namespace/:name`, ({ request }) => {
        pathname = new URL(request.url).pathname;
        return HttpResponse.json(team);
      }),
    );

    await expect(
      client.getTeamSupport('group:default/Checkout-Team'),
    ).resolves.toEqual(team);
    expect(pathname).toBe('/api/sre/teams/default/checkout-team');
  });

  it('throws a ResponseError when the team request fails', async () => {
    server.use(
      http.get(
        `${baseUrl}/teams/:namespace/:name`,
        () => new HttpResponse('boom', { status: 500 }),
      ),
    );

    await expect(
      client.getTeamSupport({ kind: 'Group', namespace: 'default', name: 'x' }),
    ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 500 });
  });

  describe('SLOs', () => {
    const list: ListSlosResponse = {
      items: [pagingSlo],
      totalCount: 1,
      invalid: [],
    };
    const history: SloHistoryResponse = {
      sloRef: pagingSlo.sloRef,
      points: [{ day: '2026-11-01', errorBudgetRemaining: 0.5, sli: 0.9997 }],
    };

    it('lists all SLOs without query parameters', async () => {
      let requested: URL | undefined;
      server.use(
        http.get(`${baseUrl}/slos`, ({ request }) => {
          requested = new URL(request.url);
          return HttpResponse.json(list);
        }),
      );

      await expect(client.listSlos()).resolves.toEqual(list);
      expect(requested?.pathname).toBe('/api/sre/slos');
      expect([...requested!.searchParams.keys()]).toEqual([]);
    });

    it('sends the filters as full entity refs with their default kinds, and the paging', async () => {
      const queries: URLSearchParams[] = [];
      server.use(
        http.get(`${baseUrl}/slos`, ({ request }) => {
          queries.push(new URL(request.url).searchParams);
          return HttpResponse.json(list);
        }),
      );

      await client.listSlos({ entityRef: 'Checkout-API' });
      await client.listSlos({
        owner: 'payments-team',
        system: { kind: 'System', namespace: 'default', name: 'Payments' },
        alert: 'page',
        orderBy: 'budget',
        limit: 25,
        offset: 50,
      });

      expect(Object.fromEntries(queries[0])).toEqual({
        entityRef: 'component:default/checkout-api',
      });
      expect(Object.fromEntries(queries[1])).toEqual({
        owner: 'group:default/payments-team',
        system: 'system:default/payments',
        alert: 'page',
        orderBy: 'budget',
        limit: '25',
        offset: '50',
      });
    });

    it('keeps an offset of 0', async () => {
      let query: URLSearchParams | undefined;
      server.use(
        http.get(`${baseUrl}/slos`, ({ request }) => {
          query = new URL(request.url).searchParams;
          return HttpResponse.json(list);
        }),
      );

      await client.listSlos({ limit: 20, offset: 0 });
      expect(query?.get('offset')).toBe('0');
    });

    it('throws a ResponseError with the backend message when the list fails', async () => {
      server.use(
        http.get(`${baseUrl}/slos`, () =>
          HttpResponse.json(
            {
              error: {
                name: 'InputError',
                message:
                  'Invalid query parameter owner: must be an entity ref such as group:default/name',
              },
              response: { statusCode: 400 },
            },
            { status: 400 },
          ),
        ),
      );

      const error = await client.listSlos({ owner: 'group:x' }).catch(e => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect(error.statusCode).toBe(400);
      expect(error.body.error.message).toMatch(/owner/);
    });

    it('asks for the status of an SLO by namespace and name', async () => {
      let pathname: string | undefined;
      server.use(
        http.get(`${baseUrl}/slos/:namespace/:name/status`, ({ request }) => {
          pathname = new URL(request.url).pathname;
          return HttpResponse.json(pagingSlo);
        }),
      );

      await expect(
        client.getSloStatus('slo:default/Payment-Gateway-Authorisations'),
      ).resolves.toEqual(pagingSlo);
      expect(pathname).toBe(
        '/api/sre/slos/default/payment-gateway-authorisations/status',
      );

      await client.getSloStatus('team a/slo#1');
      expect(pathname).toBe('/api/sre/slos/team%20a/slo%231/status');
    });

    it('throws a ResponseError with status 404 for an unknown SLO', async () => {
      server.use(
        http.get(`${baseUrl}/slos/:namespace/:name/status`, () =>
          HttpResponse.json(
            {
              error: {
                name: 'NotFoundError',
                message: 'No SLO slo:default/nope in the catalog',
              },
              response: { statusCode: 404 },
            },
            { status: 404 },
          ),
        ),
      );

      const error = await client.getSloStatus('slo:default/nope').catch(e => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect(error.statusCode).toBe(404);
      expect(error.body.error.message).toBe(
        'No SLO slo:default/nope in the catalog',
      );
    });

    it('asks for the history with the number of days', async () => {
      const requested: URL[] = [];
      server.use(
        http.get(`${baseUrl}/slos/:namespace/:name/history`, ({ request }) => {
          requested.push(new URL(request.url));
          return HttpResponse.json(history);
        }),
      );

      await expect(client.getSloHistory(pagingSlo.sloRef, 90)).resolves.toEqual(
        history,
      );
      await client.getSloHistory(pagingSlo.sloRef);

      expect(requested[0].pathname).toBe(
        '/api/sre/slos/default/payment-gateway-authorisations/history',
      );
      expect(requested[0].searchParams.get('days')).toBe('90');
      expect(requested[1].searchParams.has('days')).toBe(false);
    });

    it('throws a ResponseError when the history fails', async () => {
      server.use(
        http.get(
          `${baseUrl}/slos/:namespace/:name/history`,
          () => new HttpResponse('boom', { status: 503 }),
        ),
      );

      await expect(
        client.getSloHistory(pagingSlo.sloRef, 30),
      ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 503 });
    });
  });

  describe('SLO evaluation and dead letters', () => {
    it('reads the evaluator health from /slos/evaluator', async () => {
      server.use(
        http.get(`${baseUrl}/slos/evaluator`, () =>
          HttpResponse.json(healthyEvaluator),
        ),
      );
      await expect(client.getSloEvaluatorHealth()).resolves.toEqual(
        healthyEvaluator,
      );
    });

    it('pages the dead letters with limit and offset', async () => {
      const requested: URL[] = [];
      server.use(
        http.get(`${baseUrl}/slos/dead-letters`, ({ request }) => {
          requested.push(new URL(request.url));
          return HttpResponse.json({ items: [deadLetter], totalCount: 1 });
        }),
      );
      await expect(
        client.listSliDeadLetters({ limit: 10, offset: 20 }),
      ).resolves.toEqual({ items: [deadLetter], totalCount: 1 });
      await client.listSliDeadLetters();
      expect(requested[0].searchParams.get('limit')).toBe('10');
      expect(requested[0].searchParams.get('offset')).toBe('20');
      expect([...requested[1].searchParams.keys()]).toEqual([]);
    });

    it('retries with a POST and discards with a DELETE of the encoded id', async () => {
      const calls: string[] = [];
      server.use(
        http.post(`${baseUrl}/slos/dead-letters/:id/retry`, ({ request }) => {
          calls.push(`POST ${new URL(request.url).pathname}`);
          return new HttpResponse(null, { status: 202 });
        }),
        http.delete(`${baseUrl}/slos/dead-letters/:id`, ({ request }) => {
          calls.push(`DELETE ${new URL(request.url).pathname}`);
          return new HttpResponse(null, { status: 204 });
        }),
      );
      await client.retrySliDeadLetter('17');
      await client.discardSliDeadLetter('a/b');
      expect(calls).toEqual([
        'POST /api/sre/slos/dead-letters/17/retry',
        'DELETE /api/sre/slos/dead-letters/a%2Fb',
      ]);
    });

    it('throws a ResponseError when an action is refused', async () => {
      server.use(
        http.post(`${baseUrl}/slos/dead-letters/:id/retry`, () =>
          HttpResponse.json(
            {
              error: { name: 'NotAllowedError', message: 'Not allowed' },
              response: { statusCode: 403 },
            },
            { status: 403 },
          ),
        ),
      );
      await expect(client.retrySliDeadLetter('17')).rejects.toMatchObject({
        name: 'ResponseError',
        statusCode: 403,
      });
    });
  });
});
