import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupSreBackend } from '../__testUtils__/backstageFetchApi';
import { CreatePostmortemRequest } from '@sre-catalog/backstage-plugin-sre-common';
import {
  postmortemList,
  quickPostmortem,
  runbooks,
} from '../__testUtils__/runbookPostmortemFixtures';

const errorBody = (name: string, message: string, statusCode: number) =>
  HttpResponse.json(
    { error: { name, message }, response: { statusCode } },
    { status: statusCode },
  );

describe('SreClient: runbooks and postmortems', () => {
  const { server, client, discoveryApi, baseUrl } = setupSreBackend();

  it('asks for the runbooks of an entity by lower-cased, encoded kind, namespace and name', async () => {
    let pathname: string | undefined;
    server.use(
      http.get(`${baseUrl}/runbooks/*`, ({ request }) => {
        pathname = new URL(request.url).pathname;
        return HttpResponse.json(runbooks);
      }),
    );

    await expect(
      client.getRunbooks({
        kind: 'Component',
        namespace: 'Default',
        name: 'Checkout-API',
      }),
    ).resolves.toEqual(runbooks);
    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('sre');
    expect(pathname).toBe('/api/sre/runbooks/component/default/checkout-api');

    await client.getRunbooks('component:team a/api#1');
    expect(pathname).toBe('/api/sre/runbooks/component/team%20a/api%231');
  });

  it('lists postmortems with every filter as a query parameter, refs in full', async () => {
    const queries: URLSearchParams[] = [];
    server.use(
      http.get(`${baseUrl}/postmortems`, ({ request }) => {
        queries.push(new URL(request.url).searchParams);
        return HttpResponse.json(postmortemList([quickPostmortem]));
      }),
    );

    await expect(client.listPostmortems()).resolves.toEqual(
      postmortemList([quickPostmortem]),
    );
    await client.listPostmortems({
      entityRef: 'Checkout-API',
      owner: 'checkout-team',
      severity: 'SEV2',
      status: 'published',
      tag: 'config',
      from: '2026-01-01',
      to: '2026-12-31',
      q: '  pool exhaustion ',
      limit: 20,
      offset: 0,
    });

    expect([...queries[0].keys()]).toEqual([]);
    expect(Object.fromEntries(queries[1])).toEqual({
      entityRef: 'component:default/checkout-api',
      owner: 'group:default/checkout-team',
      severity: 'SEV2',
      status: 'published',
      tag: 'config',
      from: '2026-01-01',
      to: '2026-12-31',
      q: 'pool exhaustion',
      limit: '20',
      offset: '0',
    });
  });

  it('creates a postmortem with a JSON POST and returns it as stored', async () => {
    const request: CreatePostmortemRequest = {
      template: 'quick',
      title: 'Checkout 5xx',
      severity: 'SEV2',
      startedAt: '2026-10-20T08:00:00.000Z',
      entityRefs: ['component:default/checkout-api'],
      summary: 'Bad config.',
    };
    let received: {
      method: string;
      type: string | null;
      authorization: string | null;
      body: unknown;
    } = { method: '', type: null, authorization: null, body: undefined };
    server.use(
      http.post(`${baseUrl}/postmortems`, async ({ request: req }) => {
        received = {
          method: req.method,
          type: req.headers.get('content-type'),
          authorization: req.headers.get('authorization'),
          body: await req.json(),
        };
        return HttpResponse.json(quickPostmortem, { status: 201 });
      }),
    );

    await expect(client.createPostmortem(request)).resolves.toEqual(
      quickPostmortem,
    );
    expect(received).toEqual({
      method: 'POST',
      type: 'application/json',
      authorization: 'Bearer user-token',
      body: request,
    });
  });

  it('throws a ResponseError that names the field of a 400', async () => {
    server.use(
      http.post(`${baseUrl}/postmortems`, () =>
        errorBody('InputError', 'Invalid severity: must be one of SEV1', 400),
      ),
    );

    const error = await client
      .createPostmortem({} as CreatePostmortemRequest)
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
    expect(error.body.error.message).toBe(
      'Invalid severity: must be one of SEV1',
    );
  });

  it('updates with PUT to the encoded id, sending the version', async () => {
    let received: { pathname: string; body: any } | undefined;
    server.use(
      http.put(`${baseUrl}/postmortems/:id`, async ({ request }) => {
        received = {
          pathname: new URL(request.url).pathname,
          body: await request.json(),
        };
        return HttpResponse.json(quickPostmortem);
      }),
    );

    await client.updatePostmortem('pm/1', {
      ...quickPostmortem,
      version: 3,
    });
    expect(received?.pathname).toBe('/api/sre/postmortems/pm%2F1');
    expect(received?.body.version).toBe(3);
  });

  it('throws a ResponseError with status 409 for a stale version', async () => {
    server.use(
      http.put(`${baseUrl}/postmortems/:id`, () =>
        errorBody('ConflictError', 'Postmortem pm-1 is at version 4', 409),
      ),
    );

    await expect(
      client.updatePostmortem('pm-1', { ...quickPostmortem, version: 3 }),
    ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 409 });
  });

  it('reads one postmortem and its history', async () => {
    const paths: string[] = [];
    server.use(
      http.get(`${baseUrl}/postmortems/:id`, ({ request }) => {
        paths.push(new URL(request.url).pathname);
        return HttpResponse.json(quickPostmortem);
      }),
      http.get(`${baseUrl}/postmortems/:id/history`, ({ request }) => {
        paths.push(new URL(request.url).pathname);
        return HttpResponse.json({ postmortemId: 'pm-1', revisions: [] });
      }),
    );

    await expect(client.getPostmortem('pm-1')).resolves.toEqual(
      quickPostmortem,
    );
    await expect(client.getPostmortemHistory('pm-1')).resolves.toEqual({
      postmortemId: 'pm-1',
      revisions: [],
    });
    expect(paths).toEqual([
      '/api/sre/postmortems/pm-1',
      '/api/sre/postmortems/pm-1/history',
    ]);
  });

  it('throws a ResponseError with status 404 for an unknown postmortem', async () => {
    server.use(
      http.get(`${baseUrl}/postmortems/:id`, () =>
        errorBody('NotFoundError', 'No postmortem nope', 404),
      ),
    );

    await expect(client.getPostmortem('nope')).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
    });
  });

  it('lists overdue action items of an owner, and required postmortems with paging', async () => {
    const requested: URL[] = [];
    server.use(
      http.get(`${baseUrl}/action-items`, ({ request }) => {
        requested.push(new URL(request.url));
        return HttpResponse.json({ items: [], totalCount: 0 });
      }),
      http.get(`${baseUrl}/postmortems/required`, ({ request }) => {
        requested.push(new URL(request.url));
        return HttpResponse.json({ items: [], totalCount: 0 });
      }),
    );

    await client.listActionItems({
      overdue: true,
      owner: 'group:default/Checkout-Team',
      limit: 50,
    });
    await client.listActionItems({ overdue: false, status: 'open' });
    await client.listRequiredPostmortems({ limit: 20, offset: 20 });

    expect(Object.fromEntries(requested[0].searchParams)).toEqual({
      overdue: 'true',
      owner: 'group:default/checkout-team',
      limit: '50',
    });
    expect(Object.fromEntries(requested[1].searchParams)).toEqual({
      overdue: 'false',
      status: 'open',
    });
    expect(requested[2].pathname).toBe('/api/sre/postmortems/required');
    expect(Object.fromEntries(requested[2].searchParams)).toEqual({
      limit: '20',
      offset: '20',
    });
  });
});
