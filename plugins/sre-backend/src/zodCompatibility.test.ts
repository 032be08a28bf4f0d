/**
 * An adopter's app may resolve `zod` to 3.25, which ships the zod 4 API under its
 * `zod/v4` subpath. The validators import from `zod/v4`, so their messages must be
 * the same with either: this loads the real validators once with zod 4 and once
 * with `zod/v4` redirected to zod 3.25 (the `zod3` alias), and compares.
 */

type Validators = {
  /** The version of the zod that the validators were given. */
  zodVersion: { major: number; minor: number; patch: number };
  /** How often the validators' `import 'zod/v4'` was served by the redirection. */
  redirected: number;
  events: typeof import('./slos/ingest/SloEventsValidator');
  postmortems: typeof import('./postmortems/parsePostmortemRequest');
  z: typeof import('zod/v4');
};

function loadValidators(zod: 'zod/v4' | 'zod3/v4'): Validators {
  let redirected = 0;
  let loaded: Omit<Validators, 'redirected'> | undefined;
  jest.isolateModules(() => {
    jest.doMock('zod/v4', () => {
      redirected += 1;
      return jest.requireActual(zod);
    });
    const z = require('zod/v4');
    loaded = {
      z,
      zodVersion: z.core.version,
      events: require('./slos/ingest/SloEventsValidator'),
      postmortems: require('./postmortems/parsePostmortemRequest'),
    };
  });
  jest.dontMock('zod/v4');
  return { ...loaded!, redirected };
}

/** The message of what `fn` throws; undefined when it does not throw. */
function messageOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

const nowMs = Date.parse('2026-11-22T10:00:00Z');
const start = '2026-11-22T09:00:00Z';

const badPushes: unknown[] = [
  undefined,
  'buckets',
  {},
  { buckets: 'x' },
  { buckets: [] },
  { buckets: [{ start, good: -1, total: 1 }] },
  { buckets: [{ start, good: 1.5, total: 2 }] },
  { buckets: [{ start, good: '1', total: 2 }] },
  { buckets: [{ start: 5, good: 1, total: 2 }] },
  { buckets: [{ start, good: 1, total: 2, extra: true }] },
  { buckets: [{ start, good: 1, total: 2 }], surprise: 1 },
  { bucketSeconds: 7, buckets: [{ start, good: 1, total: 2 }] },
  { bucketSeconds: '60', buckets: [{ start, good: 1, total: 2 }] },
  { buckets: [{ start, good: 1, total: 2 }], replace: 'yes' },
];

const badPostmortems: unknown[] = [
  undefined,
  [],
  {},
  { title: 5 },
  { title: 'Checkout down', severity: 'SEV9' },
  { title: 'Checkout down', severity: 'SEV1', surprise: 1 },
  {
    title: 'Checkout down',
    severity: 'SEV1',
    affectedEntityRefs: ['not a ref!'],
  },
  { title: 'Checkout down', severity: 'SEV1', startedAt: 'yesterday' },
  { title: 'Checkout down', severity: 'SEV1', links: [{ url: 'ftp://x' }] },
];

/** A valid postmortem, then each of its fields (nested ones too) set to bad values. */
const goodPostmortem = {
  title: 'Checkout down',
  severity: 'SEV1',
  startedAt: '2026-11-20T10:00:00Z',
  resolvedAt: '2026-11-20T11:00:00Z',
  entityRefs: ['component:default/checkout-api'],
  summary: 'Checkout answered 500.',
  timeline: [{ at: '2026-11-20T10:05:00Z', description: 'Paged' }],
  impactedSlos: [{ sloRef: 'slo:default/checkout-availability' }],
  tags: ['database'],
  links: [{ title: 'Dashboard', url: 'https://grafana.example.com/d/1' }],
  actionItems: [
    {
      title: 'Add an index',
      owner: 'group:default/checkout-team',
      priority: 'P1',
      dueDate: '2026-12-01',
    },
  ],
};
const badValues: unknown[] = [null, 5, 'yesterday', '', [], {}, true];

function withValue(body: any, path: (string | number)[], value: unknown) {
  const copy = structuredClone(body);
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path[path.length - 1]] = value;
  return copy;
}

function pathsOf(value: unknown, prefix: (string | number)[] = []): any[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => [
      [...prefix, i],
      ...pathsOf(item, [...prefix, i]),
    ]);
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [
      [...prefix, key],
      ...pathsOf(item, [...prefix, key]),
    ]);
  }
  return [];
}

const mutatedPostmortems = pathsOf(goodPostmortem).flatMap(path =>
  badValues.map(value => withValue(goodPostmortem, path, value)),
);

function messages(v: Validators) {
  return {
    pushes: badPushes.map(body =>
      messageOf(
        () =>
          v.events.parseSloPush(body, {
            nowMs,
            oldestFineMs: nowMs - 86_400_000,
          }).buckets,
      ),
    ),
    postmortems: [...badPostmortems, ...mutatedPostmortems].map(body =>
      messageOf(() =>
        v.postmortems.parsePostmortemRequest(body, {
          mode: 'create',
          now: new Date(nowMs),
          defaultTemplate: 'quick',
        } as Parameters<typeof v.postmortems.parsePostmortemRequest>[1]),
      ),
    ),
  };
}

describe('validation with zod 3.25 (an adopter whose app resolves zod 3)', () => {
  const zod4 = loadValidators('zod/v4');
  const zod3 = loadValidators('zod3/v4');

  it('really loads the validators with each zod', () => {
    expect(zod4.zodVersion.major).toBe(4);
    expect(zod4.zodVersion.minor).toBeGreaterThan(0);
    // zod 3.25's zod/v4 reports itself as 4.0.0.
    expect(zod3.zodVersion).toEqual({ major: 4, minor: 0, patch: 0 });
    expect(zod3.redirected).toBeGreaterThan(0);
    expect(zod3.z).not.toBe(zod4.z);
    expect(zod3.events).not.toBe(zod4.events);
  });

  it('gives the same messages, naming the field', () => {
    const expected = messages(zod4);
    const actual = messages(zod3);
    expect(actual).toEqual(expected);

    // Bad input is refused with an InputError naming what is wrong, never another
    // error (a 500); a few mutations are valid (null for an optional field).
    const refused = [...actual.pushes, ...actual.postmortems].filter(
      message => message !== undefined,
    );
    expect(refused.length).toBeGreaterThan(
      badPushes.length + badPostmortems.length,
    );
    for (const message of refused) {
      expect(message).toMatch(/^InputError: (Invalid|Unknown) /);
    }
    for (const message of actual.pushes) {
      expect(message).toBeDefined();
    }
    expect(actual.pushes[5]).toBe(
      'InputError: Invalid buckets[0].good: must not be negative',
    );
    expect(actual.pushes[6]).toBe(
      'InputError: Invalid buckets[0].good: must be a whole number',
    );
    expect(actual.pushes[9]).toBe(
      'InputError: Invalid buckets[0]: unknown field extra',
    );
    expect(actual.pushes[11]).toMatch(
      /^InputError: Invalid bucketSeconds: must be one of 60, 120/,
    );
    expect(actual.postmortems[4]).toMatch(
      /^InputError: Invalid severity: must be one of /,
    );
  });
});
