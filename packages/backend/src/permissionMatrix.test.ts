import { randomUUID } from 'crypto';
import {
  ENTITIES,
  HIDDEN,
  HIDDEN_NAMES,
  HIDDEN_POSTMORTEM_MARKER,
  MISSING,
  USERS,
  UserRole,
  VISIBLE,
  claimsOf,
  minuteBuckets,
  postmortemBody,
} from './__testUtils__/permissionMatrix/fixtures';
import {
  CI_TOKEN,
  startMatrixBackend,
} from './__testUtils__/permissionMatrix/startMatrixBackend';

// The permission matrix of /api/sre with the demo's real policy: every principal
// against every route, on a visible resource (checkout-api and its SLO, team and
// postmortem) and on a hidden one (the restricted fraud-detection and its SLO, team
// and postmortem). A hidden resource must be indistinguishable from one that does
// not exist, and no body may name anything of the restricted side to a principal
// who may not see it.

/** The columns of the matrix, in order. */
const PRINCIPALS = [
  'none', //            no credentials
  'guest', //           signed in, owns nothing
  'owner', //           member of checkout-team, the visible service's owner
  'otherTeam', //       member of payments-team
  'unseeing', //        SRE of both services, cannot see the restricted one
  'restrictedOwner', // member of risk-engineering, the restricted service's owner
  'plugin', //          another backend plugin (service principal)
  'ci', //              static external token restricted to sre.slo.events.create
] as const;
type Principal = (typeof PRINCIPALS)[number];

/** Who may see the restricted side. */
const SEES_HIDDEN: Principal[] = ['restrictedOwner', 'plugin'];

type Row = readonly number[];

// Expected statuses. `visible`/`hidden`: the route on the visible or the hidden
// resource; `list`: routes without a resource.
//
// The ci token may push SLI events and nothing else. Reads that need the catalog
// are refused (403), as Backstage refuses to let a plugin pass a restricted token
// on to the catalog. Postmortems, whose read permission the token lacks, do not
// exist for it (404, empty lists), as for a user whom the policy denies.
// prettier-ignore
const MATRIX: Record<string, { visible: Row; hidden: Row } | { list: Row }> = {
  //                                            none guest owner other unseeing rOwner plugin ci
  'GET /ownership/{entity}':        { visible: [401, 200, 200, 200, 200, 200, 200, 403],
                                      hidden:  [401, 404, 404, 404, 404, 200, 200, 403] },
  'GET /coverage':                  { list:    [401, 200, 200, 200, 200, 200, 200, 403] },
  'GET /teams/{group}':             { visible: [401, 200, 200, 200, 200, 200, 200, 403],
                                      hidden:  [401, 404, 404, 404, 404, 200, 200, 403] },
  'GET /slos':                      { list:    [401, 200, 200, 200, 200, 200, 200, 403] },
  'GET /slos/{slo}/status':         { visible: [401, 200, 200, 200, 200, 200, 200, 403],
                                      hidden:  [401, 404, 404, 404, 404, 200, 200, 403] },
  'GET /slos/{slo}/history':        { visible: [401, 200, 200, 200, 200, 200, 200, 403],
                                      hidden:  [401, 404, 404, 404, 404, 200, 200, 403] },
  'GET /runbooks/{entity}':         { visible: [401, 200, 200, 200, 200, 200, 200, 403],
                                      hidden:  [401, 404, 404, 404, 404, 200, 200, 403] },
  'GET /postmortems':               { list:    [401, 200, 200, 200, 200, 200, 200, 200] },
  'GET /postmortems/{id}':          { visible: [401, 200, 200, 200, 200, 200, 200, 404],
                                      hidden:  [401, 404, 404, 404, 404, 200, 200, 404] },
  'GET /postmortems/{id}/history':  { visible: [401, 200, 200, 200, 200, 200, 200, 404],
                                      hidden:  [401, 404, 404, 404, 404, 200, 200, 404] },
  'GET /action-items':              { list:    [401, 200, 200, 200, 200, 200, 200, 200] },
  'GET /postmortems/required':      { list:    [401, 200, 200, 200, 200, 200, 200, 403] },
  // Lists filtered by a visible or a hidden service or team.
  'GET /slos?entityRef={service}':  { visible: [401, 200, 200, 200, 200, 200, 200, 403],
                                      hidden:  [401, 200, 200, 200, 200, 200, 200, 403] },
  'GET /slos?owner={group}':        { visible: [401, 200, 200, 200, 200, 200, 200, 403],
                                      hidden:  [401, 404, 404, 404, 404, 200, 200, 403] },
  'GET /coverage?owner={group}':    { visible: [401, 200, 200, 200, 200, 200, 200, 403],
                                      hidden:  [401, 200, 200, 200, 200, 200, 200, 403] },
  'GET /postmortems?entityRef={service}': { visible: [401, 200, 200, 200, 200, 200, 200, 200],
                                      hidden:  [401, 200, 200, 200, 200, 200, 200, 200] },
  // The CI token may not read postmortems: every team's list is empty for it, known,
  // hidden or missing alike.
  'GET /action-items?team={group}': { visible: [401, 200, 200, 200, 200, 200, 200, 200],
                                      hidden:  [401, 404, 404, 404, 404, 200, 200, 200] },
  // Writes: for the owners and SREs of the services concerned, and for service
  // principals. Naming a hidden entity is answered as naming one that does not exist.
  'POST /postmortems':              { visible: [401, 403, 201, 403, 201, 403, 201, 403],
                                      hidden:  [401, 400, 400, 400, 400, 201, 201, 403] },
  'PUT /postmortems/{id}':          { visible: [401, 403, 200, 403, 200, 403, 200, 404],
                                      hidden:  [401, 404, 404, 404, 404, 200, 200, 404] },
  'POST /slos/{slo}/events':        { visible: [401, 403, 202, 403, 202, 403, 202, 202],
                                      hidden:  [401, 404, 404, 404, 404, 202, 202, 202] },
  'POST /slos/events (batch)':      { visible: [401, 403, 202, 403, 202, 403, 202, 202],
                                      hidden:  [401, 400, 400, 400, 400, 202, 202, 202] },
  // Dead letters of the SLI push queue: listed to everyone who can see one of their
  // SLOs; retried and discarded by the central SRE team (reliability-engineering:
  // the unseeing SRE) and services. A letter of SLOs the caller cannot see is one
  // that does not exist.
  'GET /slos/dead-letters':         { list:    [401, 200, 200, 200, 200, 200, 200, 403] },
  'POST /slos/dead-letters/{id}/retry': { visible: [401, 403, 403, 403, 202, 403, 202, 403],
                                      hidden:  [401, 403, 403, 403, 404, 403, 202, 403] },
  'DELETE /slos/dead-letters/{id}': { visible: [401, 403, 403, 403, 204, 403, 204, 403],
                                      hidden:  [401, 403, 403, 403, 404, 403, 204, 403] },
};

type Target = 'visible' | 'hidden' | 'missing' | 'list';
type Call = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
};
type Reply = { status: number; text: string };

jest.setTimeout(60_000);

let matrix: Awaited<ReturnType<typeof startMatrixBackend>>;
const headers = new Map<Principal, string | undefined>();
/** The seeded postmortems, and one that does not exist. */
const postmortemIds: Record<'visible' | 'hidden' | 'missing', string> = {
  visible: '',
  hidden: '',
  missing: randomUUID(),
};

/** The dead letter each cell acts on: seeded for it, and one that does not exist. */
const deadLetterIds: Record<'visible' | 'hidden' | 'missing', string> = {
  visible: '',
  hidden: '',
  missing: '6999999999',
};
let nextDeadLetterId = 7_000_000_000;

/**
 * A dead letter as the applier keeps one (no request can make a push fail to
 * apply), with an id long enough not to be found elsewhere in a body.
 */
async function seedDeadLetter(
  sloRefs: string[],
  options: { pushedBy: string; error: string },
): Promise<string> {
  const knex = await matrix.sreDatabase();
  const id = nextDeadLetterId++;
  const [bucket] = minuteBuckets(1, { good: true });
  await knex('sre_sli_dead_letters').insert({
    id,
    received_at: Date.now(),
    failed_at: Date.now(),
    pushed_by: options.pushedBy,
    error: options.error,
    buckets: sloRefs.length,
    entries: JSON.stringify(
      sloRefs.map(r => [r, null, null, [Date.parse(bucket.start), 60, 1, 1]]),
    ),
  });
  await knex('sre_sli_dead_letter_slos').insert(
    sloRefs.map(slo_ref => ({ dead_letter_id: id, slo_ref })),
  );
  return String(id);
}

const resourceOf = (target: 'visible' | 'hidden' | 'missing') =>
  ({ visible: VISIBLE, hidden: HIDDEN, missing: MISSING }[target]);

/** `component:default/x` as the path segments `component/default/x`. */
const pathOf = (ref: string) => ref.replace(':', '/');
/** `slo:default/x` as `default/x`. */
const namePathOf = (ref: string) => ref.split(':')[1];

async function send(principal: Principal, call: Call): Promise<Reply> {
  const authorization = headers.get(principal);
  const response = await fetch(`${matrix.baseUrl}/api/sre${call.path}`, {
    method: call.method,
    headers: {
      ...(authorization && { authorization }),
      ...(call.body !== undefined && { 'content-type': 'application/json' }),
    },
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
  });
  return { status: response.status, text: await response.text() };
}

/** The stored postmortem, read as the plugin: what an editor would send back. */
async function currentPostmortem(id: string) {
  const reply = await send('plugin', {
    method: 'GET',
    path: `/postmortems/${id}`,
  });
  if (reply.status !== 200) {
    throw new Error(
      `Cannot read postmortem ${id}: ${reply.status} ${reply.text}`,
    );
  }
  return JSON.parse(reply.text);
}

/** The request a cell sends. */
async function callOf(
  route: string,
  target: Target,
  principal: Principal,
): Promise<Call> {
  const resource = target === 'list' ? VISIBLE : resourceOf(target);
  const id = target === 'list' ? '' : postmortemIds[target];
  const seesTarget = target === 'visible' || SEES_HIDDEN.includes(principal);
  switch (route) {
    case 'GET /ownership/{entity}':
      return { method: 'GET', path: `/ownership/${pathOf(resource.service)}` };
    case 'GET /coverage':
      return { method: 'GET', path: '/coverage' };
    case 'GET /teams/{group}':
      return { method: 'GET', path: `/teams/${namePathOf(resource.team)}` };
    case 'GET /slos':
      return { method: 'GET', path: '/slos' };
    case 'GET /slos/{slo}/status':
      return {
        method: 'GET',
        path: `/slos/${namePathOf(resource.slo)}/status`,
      };
    case 'GET /slos/{slo}/history':
      return {
        method: 'GET',
        path: `/slos/${namePathOf(resource.slo)}/history`,
      };
    case 'GET /runbooks/{entity}':
      return { method: 'GET', path: `/runbooks/${pathOf(resource.service)}` };
    case 'GET /postmortems':
      return { method: 'GET', path: '/postmortems' };
    case 'GET /postmortems/{id}':
      return { method: 'GET', path: `/postmortems/${id}` };
    case 'GET /postmortems/{id}/history':
      return { method: 'GET', path: `/postmortems/${id}/history` };
    case 'GET /action-items':
      return { method: 'GET', path: '/action-items' };
    case 'GET /postmortems/required':
      return { method: 'GET', path: '/postmortems/required' };
    case 'GET /slos?entityRef={service}':
      return { method: 'GET', path: `/slos?entityRef=${resource.service}` };
    case 'GET /slos?owner={group}':
      return { method: 'GET', path: `/slos?owner=${resource.team}` };
    case 'GET /coverage?owner={group}':
      return { method: 'GET', path: `/coverage?owner=${resource.team}` };
    case 'GET /postmortems?entityRef={service}':
      return {
        method: 'GET',
        path: `/postmortems?entityRef=${resource.service}`,
      };
    case 'GET /action-items?team={group}':
      return { method: 'GET', path: `/action-items?team=${resource.team}` };
    case 'POST /postmortems':
      return {
        method: 'POST',
        path: '/postmortems',
        body: postmortemBody(
          { service: resource.service },
          { title: `Written by ${principal}`, itemOwner: resource.team },
        ),
      };
    case 'PUT /postmortems/{id}': {
      // Who can see the postmortem edits what is stored; who cannot only knows
      // (or guesses) an id, and sends a plausible edit of version 1.
      const base =
        seesTarget && target !== 'missing'
          ? await currentPostmortem(id)
          : {
              ...postmortemBody(
                { service: VISIBLE.service },
                { title: 'Guessed', itemOwner: VISIBLE.team },
              ),
              version: 1,
            };
      return {
        method: 'PUT',
        path: `/postmortems/${id}`,
        body: { ...base, summary: `Edited by ${principal}.` },
      };
    }
    case 'POST /slos/{slo}/events':
      return {
        method: 'POST',
        path: `/slos/${namePathOf(resource.slo)}/events`,
        body: { buckets: minuteBuckets(1, { good: true }) },
      };
    case 'POST /slos/events (batch)':
      return {
        method: 'POST',
        path: '/slos/events',
        body: {
          slos: [
            { slo: resource.slo, buckets: minuteBuckets(1, { good: true }) },
          ],
        },
      };
    case 'GET /slos/dead-letters':
      return { method: 'GET', path: '/slos/dead-letters?limit=100' };
    case 'POST /slos/dead-letters/{id}/retry':
    case 'DELETE /slos/dead-letters/{id}': {
      // A letter of its own for each cell: retry and discard consume it.
      if (target !== 'missing' && target !== 'list') {
        deadLetterIds[target] = await seedDeadLetter([resource.slo], {
          pushedBy: 'external:ci-sli-exporter',
          error: `23514: bucket of ${resource.slo} refused`,
        });
      }
      const letter = deadLetterIds[target === 'list' ? 'missing' : target];
      return route.startsWith('POST')
        ? { method: 'POST', path: `/slos/dead-letters/${letter}/retry` }
        : { method: 'DELETE', path: `/slos/dead-letters/${letter}` };
    }
    default:
      throw new Error(`No request for ${route}`);
  }
}

/**
 * A body with the target's own names (which the caller sent) replaced by
 * placeholders: what a hidden and a missing target must agree on.
 */
function withoutTarget(text: string, target: 'hidden' | 'missing'): string {
  const resource = resourceOf(target);
  const names = [resource.slo, resource.service, resource.team]
    .map(ref => ref.split('/')[1])
    .sort((a, b) => b.length - a.length);
  let result = text.split(postmortemIds[target]).join('<id>');
  if (deadLetterIds[target]) {
    result = result.split(deadLetterIds[target]).join('<id>');
  }
  for (const name of names) result = result.split(name).join('<name>');
  return result;
}

/** What of the restricted side a body names. */
function hiddenNamesIn(text: string): string[] {
  const lower = text.toLocaleLowerCase('en-US');
  return [
    ...HIDDEN_NAMES,
    HIDDEN_POSTMORTEM_MARKER.toLocaleLowerCase('en-US'),
    postmortemIds.hidden,
  ].filter(name => lower.includes(name));
}

/** What a list must show to those who may see it (nothing over-hidden). */
const LIST_SHOWS: Record<string, { everyone: string[]; seers: string[] }> = {
  'GET /coverage': { everyone: ['checkout-api'], seers: ['fraud-detection'] },
  'GET /slos': {
    everyone: ['checkout-availability'],
    seers: ['fraud-detection-decisions', 'checkout-fraud-screening'],
  },
  'GET /postmortems': { everyone: ['<visible-id>'], seers: ['<hidden-id>'] },
  'GET /action-items': { everyone: ['<visible-id>'], seers: ['<hidden-id>'] },
  'GET /postmortems/required': {
    everyone: ['checkout-availability'],
    seers: ['fraud-detection-decisions'],
  },
  'GET /slos/dead-letters': {
    everyone: ['checkout-availability', 'user:default/carla'],
    seers: [
      'fraud-detection-decisions',
      'checkout-fraud-screening',
      'noor.rahman',
      'oskar.lind',
    ],
  },
};

beforeAll(async () => {
  matrix = await startMatrixBackend();
  headers.set('none', undefined);
  for (const role of Object.keys(USERS) as UserRole[]) {
    headers.set(role, `Bearer ${await matrix.signIn(role)}`);
  }
  headers.set('plugin', `Bearer ${await matrix.serviceToken('sre')}`);
  headers.set('ci', `Bearer ${CI_TOKEN}`);

  await waitForCatalog();

  // A fast burn of every SLO in the last hour: statuses, history and the incidents
  // that need a postmortem, on both sides.
  const seed = await send('plugin', {
    method: 'POST',
    path: '/slos/events',
    body: {
      slos: [
        VISIBLE.slo,
        HIDDEN.slo,
        'slo:default/checkout-fraud-screening',
      ].map(slo => ({ slo, buckets: minuteBuckets(60, { offsetMinutes: 5 }) })),
    },
  });
  if (seed.status !== 202)
    throw new Error(`Seed push: ${seed.status} ${seed.text}`);
  await matrix.evaluateSlos();

  for (const target of ['visible', 'hidden'] as const) {
    const resource = resourceOf(target);
    const created = await send('plugin', {
      method: 'POST',
      path: '/postmortems',
      body: postmortemBody(resource, {
        title:
          target === 'hidden'
            ? `${HIDDEN_POSTMORTEM_MARKER} rules outage`
            : 'Checkout latency',
        itemOwner:
          target === 'hidden' ? 'user:default/oskar.lind' : VISIBLE.team,
      }),
    });
    if (created.status !== 201) {
      throw new Error(
        `Seed ${target} postmortem: ${created.status} ${created.text}`,
      );
    }
    postmortemIds[target] = JSON.parse(created.text).id;
  }

  // Dead letters of a visible SLO, of a hidden one (pushed by a hidden user), and
  // of both (its error naming the hidden one).
  await seedDeadLetter([VISIBLE.slo], {
    pushedBy: 'user:default/carla',
    error: '23514: new row violates check constraint',
  });
  await seedDeadLetter([HIDDEN.slo], {
    pushedBy: 'user:default/noor.rahman',
    error: `23505: duplicate key (${HIDDEN.slo}, 1)`,
  });
  await seedDeadLetter([VISIBLE.slo, 'slo:default/checkout-fraud-screening'], {
    pushedBy: 'user:default/oskar.lind',
    error: '23505: duplicate key (slo:default/checkout-fraud-screening, 1)',
  });
});

afterAll(async () => {
  await matrix?.stop();
});

/** Until the catalog has processed and stitched every entity of the file. */
async function waitForCatalog() {
  const refs = ENTITIES.map(
    e => `${e.kind.toLocaleLowerCase('en-US')}:default/${e.metadata.name}`,
  );
  const deadline = Date.now() + 40_000;
  for (;;) {
    const response = await fetch(
      `${matrix.baseUrl}/api/catalog/entities/by-refs`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await matrix.serviceToken('catalog')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ entityRefs: refs }),
      },
    );
    if (response.ok) {
      const { items } = await response.json();
      const stitched = items.every(
        (e: any) =>
          e &&
          (e.kind !== 'User' ||
            e.relations?.some((r: any) => r.type === 'memberOf')) &&
          (e.kind !== 'Component' ||
            e.relations?.some((r: any) => r.type === 'ownedBy')),
      );
      if (stitched) return items;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `The catalog did not process the entities: ${response.status}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

it('signs users in with the ownership claims their catalog memberships give', async () => {
  const items = await waitForCatalog();
  for (const role of Object.keys(USERS) as UserRole[]) {
    const entity = items.find(
      (e: any) => `user:default/${e.metadata.name}` === USERS[role].ref,
    );
    const memberOf = entity.relations
      .filter((r: any) => r.type === 'memberOf')
      .map((r: any) => r.targetRef);
    expect(claimsOf(role).sort()).toEqual(
      [USERS[role].ref, ...memberOf].sort(),
    );
  }
});

describe.each(Object.entries(MATRIX))('%s', (route, rows) => {
  const targets = ('list' in rows ? ['list'] : ['visible', 'hidden']) as Array<
    'list' | 'visible' | 'hidden'
  >;
  describe.each(targets)('on the %s resource', target => {
    const row = (rows as Record<string, Row>)[target];
    it.each(PRINCIPALS.map((principal, i) => [principal, row[i]] as const))(
      'as %s: %i',
      async (principal, expected) => {
        const reply = await send(
          principal,
          await callOf(route, target, principal),
        );
        const mayNotSee = !SEES_HIDDEN.includes(principal);
        // A hidden thing the caller named itself must be answered as a thing
        // that does not exist. Only the ci token acts on it without seeing it: it
        // pushes to SLOs it cannot read.
        const blind = principal === 'ci' && route.startsWith('POST /slos');
        const twin =
          target === 'hidden' && mayNotSee && !blind
            ? await send(principal, await callOf(route, 'missing', principal))
            : undefined;
        // What the caller named itself may come back to it (e.g. in a 404, or a
        // push of the ci token to the hidden SLO); nothing else of the restricted
        // side may.
        const text =
          target === 'hidden'
            ? withoutTarget(reply.text, 'hidden')
            : reply.text;
        const shows = LIST_SHOWS[route];
        const names = (list: string[]) =>
          list.map(name =>
            name
              .replace('<visible-id>', postmortemIds.visible)
              .replace('<hidden-id>', postmortemIds.hidden),
          );
        // A list shows what the caller may see (nothing over-hidden); the ci token
        // sees nothing (no catalog access, no sre.postmortem.read).
        const wanted =
          shows && reply.status === 200 && principal !== 'ci'
            ? [...shows.everyone, ...(mayNotSee ? [] : shows.seers)]
            : [];
        const unwanted =
          shows && reply.status === 200 && principal === 'ci'
            ? shows.everyone
            : [];

        expect({
          status: reply.status,
          leaked: mayNotSee ? hiddenNamesIn(text) : [],
          sameAsMissing: twin ? text : undefined,
          notListed: names(wanted).filter(n => !reply.text.includes(n)),
          listedToCi: names(unwanted).filter(n => reply.text.includes(n)),
        }).toEqual({
          status: expected,
          leaked: [],
          sameAsMissing: twin ? withoutTarget(twin.text, 'missing') : undefined,
          notListed: [],
          listedToCi: [],
        });
      },
    );
  });
});
