import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CatalogVisibility,
  CatalogVisibilityOptions,
} from './CatalogVisibility';
import { catalogVisibilityFixture } from './__testUtils__/catalogVisibilityFixture';
import { componentEntity } from './__testUtils__/componentEntity';

const A = 'component:default/a';
const B = 'component:default/b';
const C = 'component:default/c';
const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const alice = mockCredentials.user(ALICE);
const bob = mockCredentials.user(BOB);

const flush = () => new Promise(r => setImmediate(r));

/**
 * Components a, b and c, hidden from whom a test puts in `hidden`; the catalog's
 * calls as `calls`.
 */
function setUp(options: Partial<CatalogVisibilityOptions> = {}) {
  const { byRefsCalls, ...fixture } = catalogVisibilityFixture(
    ['a', 'b', 'c'],
    {
      options: {
        missingIsHidden: true,
        ttlMs: 10_000,
        refreshAfterMs: 5_000,
        ...options,
      },
    },
  );
  return { ...fixture, calls: byRefsCalls };
}

/** The refs of `refs` the caller is shown, as a list would. */
async function shown(
  visibility: CatalogVisibility,
  refs: string[],
  credentials: BackstageCredentials,
) {
  const hidden = await visibility.hiddenRefs(refs, credentials);
  return refs.filter(ref => !hidden.has(ref));
}

describe('CatalogVisibility, per-caller cache', () => {
  it("never serves one caller's answers to another, even while both are cached", async () => {
    const { visibility, hidden, calls } = setUp();
    hidden[ALICE] = [A];
    hidden[BOB] = [B];
    expect(await shown(visibility, [A, B, C], alice)).toEqual([B, C]);
    expect(await shown(visibility, [A, B, C], bob)).toEqual([A, C]);
    // Both cached now: each still gets its own answer, and the catalog was
    // asked once for each, with that caller's credentials.
    expect(await shown(visibility, [A, B, C], alice)).toEqual([B, C]);
    expect(await shown(visibility, [A, B, C], bob)).toEqual([A, C]);
    expect(calls).toEqual([
      { principal: ALICE, entityRefs: [A, B, C] },
      { principal: BOB, entityRefs: [A, B, C] },
    ]);
  });

  it('lets concurrent requests of one caller share a look-up, never those of two callers', async () => {
    const { visibility, hidden, calls, hold, release } = setUp();
    hidden[ALICE] = [A];
    hold();
    const requests = [
      shown(visibility, [A, B], alice),
      shown(visibility, [A, B, C], alice),
      shown(visibility, [A, B], bob),
    ];
    await flush();
    release();
    expect(await Promise.all(requests)).toEqual([[B], [B, C], [A, B]]);
    // The second request asked only for what the first was not already asking.
    expect(calls).toEqual([
      { principal: ALICE, entityRefs: [A, B] },
      { principal: ALICE, entityRefs: [C] },
      { principal: BOB, entityRefs: [A, B] },
    ]);
  });

  it('serves answers until the TTL, then asks again before answering: the worst case of a newly hidden entity', async () => {
    const { visibility, hidden, calls, advance } = setUp({
      refreshAfterMs: undefined,
    });
    expect(await shown(visibility, [A, B], alice)).toEqual([A, B]);
    hidden[ALICE] = [A];
    advance(9_999);
    expect(await shown(visibility, [A, B], alice)).toEqual([A, B]);
    expect(calls).toHaveLength(1);
    advance(1);
    expect(await shown(visibility, [A, B], alice)).toEqual([B]);
    expect(calls).toHaveLength(2);
  });

  it('refreshes ahead: a busy caller is served at once while one background pass asks all its refs again', async () => {
    const { visibility, hidden, calls, advance, hold, release } = setUp();
    await shown(visibility, [A], alice);
    await shown(visibility, [B, C], alice);
    calls.length = 0;
    hidden[ALICE] = [A];
    advance(5_000);
    hold();
    // Old enough to refresh: answered from the cache, without waiting for the catalog.
    expect(await shown(visibility, [A, B], alice)).toEqual([A, B]);
    expect(await shown(visibility, [A, C], alice)).toEqual([A, C]);
    release();
    await flush();
    // One pass, with every ref the caller's answers held.
    expect(calls).toEqual([{ principal: ALICE, entityRefs: [A, B, C] }]);
    expect(await shown(visibility, [A, B, C], alice)).toEqual([B, C]);
    expect(calls).toHaveLength(1);
  });

  it('counts the age from the start of the refreshing pass, so answers are never older than the TTL', async () => {
    const { visibility, hidden, advance, hold, release } = setUp();
    await shown(visibility, [A], alice);
    advance(5_000);
    hold();
    await shown(visibility, [A], alice);
    // The pass started at 5 s; the catalog answers at 9 s, before A is hidden.
    advance(4_000);
    release();
    await flush();
    hidden[ALICE] = [A];
    // At 14.999 s the answers (asked from 5 s on) are still served, while a new pass runs.
    advance(5_999);
    hold();
    expect(await shown(visibility, [A], alice)).toEqual([A]);
    // At 15 s they are too old: the request waits for that pass.
    advance(1);
    let answered: string[] | undefined;
    const answer = shown(visibility, [A], alice).then(r => (answered = r));
    await flush();
    expect(answered).toBeUndefined();
    release();
    await answer;
    expect(answered).toEqual([]);
  });

  it('keeps the old answers when a background pass fails, until the TTL', async () => {
    let now = 0;
    let failing = false;
    const visibility = new CatalogVisibility(
      {
        auth: mockServices.auth(),
        catalog: {
          async getEntitiesByRefs() {
            if (failing) throw new Error('catalog down');
            return { items: [componentEntity('a')] };
          },
        } as unknown as CatalogService,
      },
      {
        missingIsHidden: true,
        ttlMs: 10_000,
        refreshAfterMs: 5_000,
        clock: () => now,
      },
    );
    expect(await shown(visibility, [A], alice)).toEqual([A]);
    failing = true;
    now = 6_000;
    expect(await shown(visibility, [A], alice)).toEqual([A]);
    await flush();
    expect(await shown(visibility, [A], alice)).toEqual([A]);
    now = 10_000;
    await expect(visibility.hiddenRefs([A], alice)).rejects.toThrow(
      'catalog down',
    );
  });

  it('with a TTL of 0, asks the catalog on every call', async () => {
    const { visibility, calls } = setUp({ ttlMs: 0 });
    await shown(visibility, [A], alice);
    await shown(visibility, [A], alice);
    expect(calls).toHaveLength(2);
  });

  it('keeps at most maxPrincipals callers, each answer still its own', async () => {
    const { visibility, hidden, calls, advance } = setUp({ maxPrincipals: 3 });
    const users = Array.from({ length: 10 }, (_, i) => `user:default/u${i}`);
    users.forEach((u, i) => {
      hidden[u] = [[A, B, C][i % 3]];
    });
    for (const u of users) {
      advance(1);
      await shown(visibility, [A, B, C], mockCredentials.user(u));
    }
    calls.length = 0;
    // The most recent callers are kept, answered from the cache, each its own way.
    for (const [i, u] of users.entries()) {
      if (i < 8) continue;
      expect(
        await shown(visibility, [A, B, C], mockCredentials.user(u)),
      ).toEqual([A, B, C].filter(r => r !== [A, B, C][i % 3]));
    }
    expect(calls).toHaveLength(0);
    // An early one was dropped: asked again.
    expect(
      await shown(visibility, [A, B, C], mockCredentials.user(users[0])),
    ).toEqual([B, C]);
    expect(calls.map(c => c.principal)).toEqual([users[0]]);
  });
});
