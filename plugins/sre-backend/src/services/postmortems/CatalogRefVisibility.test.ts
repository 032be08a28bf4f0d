import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogHidingEntities } from './__testUtils__/catalogHidingEntities';
import { CatalogRefVisibility } from './CatalogRefVisibility';

const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', uid: name },
  spec: {},
});

const SECRET = 'component:default/secret';
const OPEN = 'component:default/open';
const GONE = 'component:default/gone';
const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';

function setUp(options: { maxPrincipals?: number } = {}) {
  let now = 0;
  const { catalog, byRefsCalls } = catalogHidingEntities(
    [component('secret'), component('open')],
    { [ALICE]: [SECRET] },
  );
  const visibility = new CatalogRefVisibility(
    { catalog, auth: mockServices.auth() },
    { ttlMs: 1000, clock: () => now, ...options },
  );
  return {
    visibility,
    byRefsCalls,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('CatalogRefVisibility', () => {
  it('finds the refs hidden from each caller; refs that left the catalog hide nothing', async () => {
    const { visibility } = setUp();
    const refs = [SECRET, OPEN, GONE];
    expect(
      await visibility.hiddenRefs(refs, mockCredentials.user(ALICE)),
    ).toEqual(new Set([SECRET]));
    expect(
      await visibility.hiddenRefs(refs, mockCredentials.user(BOB)),
    ).toEqual(new Set());
  });

  it('asks the catalog again only for refs it has not checked for that caller, until they expire', async () => {
    const { visibility, byRefsCalls, advance } = setUp();
    const alice = mockCredentials.user(ALICE);
    await visibility.hiddenRefs([SECRET, OPEN], alice);
    expect(byRefsCalls).toHaveLength(2); // Alice's, then the backend's for SECRET
    byRefsCalls.length = 0;

    expect(await visibility.hiddenRefs([OPEN, SECRET], alice)).toEqual(
      new Set([SECRET]),
    );
    expect(byRefsCalls).toEqual([]);
    await visibility.hiddenRefs([OPEN, GONE], alice);
    expect(byRefsCalls.map(c => c.entityRefs)).toEqual([[GONE], [GONE]]);

    byRefsCalls.length = 0;
    advance(1000);
    await visibility.hiddenRefs([OPEN], alice);
    expect(byRefsCalls.map(c => c.entityRefs)).toEqual([[OPEN]]);
  });

  it('keeps a bounded number of principals', async () => {
    const { visibility, byRefsCalls } = setUp({ maxPrincipals: 2 });
    for (const user of ['a', 'b', 'c']) {
      await visibility.hiddenRefs(
        [OPEN],
        mockCredentials.user(`user:default/${user}`),
      );
    }
    byRefsCalls.length = 0;
    // The oldest was dropped to make room: asked again.
    await visibility.hiddenRefs([OPEN], mockCredentials.user('user:default/a'));
    expect(byRefsCalls).toHaveLength(1);
  });
});
