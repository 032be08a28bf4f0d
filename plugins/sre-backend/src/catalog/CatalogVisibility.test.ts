import { mockCredentials } from '@backstage/backend-test-utils';
import { CatalogVisibilityOptions } from './CatalogVisibility';
import { catalogVisibilityFixture } from './__testUtils__/catalogVisibilityFixture';

const SECRET = 'component:default/secret';
const OPEN = 'component:default/open';
const GONE = 'component:default/gone';
const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
/** An external token whose access restrictions leave out the catalog. */
const RESTRICTED_SERVICE = 'external:ci';
/** What `mockServices.auth()` answers to getOwnServiceCredentials. */
const OWN = 'plugin:test';

const setUp = (options: Partial<CatalogVisibilityOptions> = {}) =>
  catalogVisibilityFixture(['secret', 'open'], {
    hidden: { [ALICE]: [SECRET] },
    refused: [RESTRICTED_SERVICE],
    options: { missingIsHidden: false, ttlMs: 1000, ...options },
  });

describe('CatalogVisibility', () => {
  const alice = mockCredentials.user(ALICE);

  it('finds the refs hidden from each caller; without missingIsHidden, refs that left the catalog hide nothing', async () => {
    const { visibility } = setUp();
    const refs = [SECRET, OPEN, GONE];
    expect(await visibility.hiddenRefs(refs, alice)).toEqual(new Set([SECRET]));
    expect(
      await visibility.hiddenRefs(refs, mockCredentials.user(BOB)),
    ).toEqual(new Set());
  });

  it('with missingIsHidden, counts refs not in the catalog as hidden, in one catalog call', async () => {
    const { visibility, byRefsCalls } = setUp({ missingIsHidden: true });
    expect(await visibility.hiddenRefs([SECRET, OPEN, GONE], alice)).toEqual(
      new Set([SECRET, GONE]),
    );
    expect(byRefsCalls).toEqual([
      { principal: ALICE, entityRefs: [SECRET, OPEN, GONE] },
    ]);
  });

  it('asks about users with their own credentials', async () => {
    const { visibility, byRefsCalls } = setUp();
    await visibility.hiddenRefs([SECRET, OPEN], alice);
    // Alice's, then the plugin's own for SECRET: gone or hidden?
    expect(byRefsCalls).toEqual([
      { principal: ALICE, entityRefs: [SECRET, OPEN] },
      { principal: OWN, entityRefs: [SECRET] },
    ]);
  });

  it('asks once for a service principal: the catalog forwards it as the plugin, so what it misses is gone', async () => {
    const { visibility, byRefsCalls } = setUp();
    const own = mockCredentials.service(OWN);
    expect(await visibility.hiddenRefs([SECRET, OPEN, GONE], own)).toEqual(
      new Set(),
    );
    expect(byRefsCalls).toEqual([
      { principal: OWN, entityRefs: [SECRET, OPEN, GONE] },
    ]);
  });

  it('passes on what the catalog answers a token it refuses, and keeps nothing of it', async () => {
    const { visibility, byRefsCalls } = setUp();
    const ci = mockCredentials.service(RESTRICTED_SERVICE, {
      permissionNames: ['sre.slo.events.create'],
    });
    for (let i = 0; i < 2; i++) {
      await expect(visibility.hiddenRefs([OPEN], ci)).rejects.toThrow(
        "Access to target plugin 'catalog' is not included",
      );
    }
    // Also with nothing to ask: an empty answer would tell refs apart.
    await expect(visibility.hiddenRefs([], ci)).rejects.toThrow(
      "Access to target plugin 'catalog' is not included",
    );
    expect(
      await visibility.hiddenRefs([], mockCredentials.service(OWN)),
    ).toEqual(new Set());
    expect(byRefsCalls).toEqual([]);
  });

  it('asks the catalog again only for refs it has not checked for that caller, until they expire', async () => {
    const { visibility, byRefsCalls, advance } = setUp();
    await visibility.hiddenRefs([SECRET, OPEN], alice);
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

  it('without cacheHidden, reuses only visible answers', async () => {
    const { visibility, byRefsCalls } = setUp({
      missingIsHidden: true,
      cacheHidden: false,
    });
    await visibility.hiddenRefs([SECRET, OPEN, GONE], alice);
    byRefsCalls.length = 0;
    expect(await visibility.hiddenRefs([SECRET, OPEN, GONE], alice)).toEqual(
      new Set([SECRET, GONE]),
    );
    expect(byRefsCalls.map(c => c.entityRefs)).toEqual([[SECRET, GONE]]);
  });

  it('keeps a bounded number of principals, dropping the least recently loaded', async () => {
    const { visibility, byRefsCalls, advance } = setUp({ maxPrincipals: 2 });
    const user = (name: string) => mockCredentials.user(`user:default/${name}`);
    await visibility.hiddenRefs([OPEN], user('a'));
    advance(1);
    await visibility.hiddenRefs([OPEN], user('b'));
    advance(1);
    await visibility.hiddenRefs([OPEN], user('c'));
    byRefsCalls.length = 0;
    await visibility.hiddenRefs([OPEN], user('c'));
    await visibility.hiddenRefs([OPEN], user('b'));
    expect(byRefsCalls).toHaveLength(0);
    // a was dropped to make room: asked again.
    await visibility.hiddenRefs([OPEN], user('a'));
    expect(byRefsCalls.map(c => c.principal)).toEqual(['user:default/a']);
  });

  it('starts over beyond maxKnownRefs, and still answers right', async () => {
    const { visibility, byRefsCalls } = setUp({ maxKnownRefs: 2 });
    await visibility.hiddenRefs([SECRET, OPEN], alice);
    expect(await visibility.hiddenRefs([GONE, SECRET], alice)).toEqual(
      new Set([SECRET]),
    );
    byRefsCalls.length = 0;
    // Numbering started over with GONE: OPEN is asked again.
    await visibility.hiddenRefs([OPEN], alice);
    expect(byRefsCalls.map(c => c.entityRefs)).toEqual([[OPEN]]);
  });

  it('keeps nothing for a caller without a principal', async () => {
    const { visibility, byRefsCalls } = setUp();
    const none = mockCredentials.none();
    await visibility.hiddenRefs([OPEN], none);
    await visibility.hiddenRefs([OPEN], none);
    expect(byRefsCalls).toHaveLength(2);
  });
});
