import { InputError } from '@backstage/errors';
import fc from 'fast-check';
import { z } from 'zod/v4';
import {
  entityRefFromPath,
  entityRefParam,
  parseQuery,
  sloRefFromPath,
} from './requestValidation';

const RUNS = { numRuns: 200 };

/** What a parse did: its result, the message of an InputError, or anything else thrown. */
type Verdict =
  | { accepted: unknown }
  | { refused: string }
  | { unexpected: string };

function verdict(run: () => unknown): Verdict {
  try {
    return { accepted: run() };
  } catch (error) {
    if (error instanceof InputError) return { refused: error.message };
    return { unexpected: String(error) };
  }
}

/** Accepted as `value`, or refused with a message matching `message`. */
function acceptedOr(v: Verdict, value: unknown, message: RegExp) {
  return 'accepted' in v
    ? { accepted: value }
    : { refused: expect.stringMatching(message) };
}

/** Path segments as Express hands them over: decoded, so any text at all. */
const segment = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.constantFrom('', '.', '..', '-a', 'a'.repeat(64), 'a:b', 'a/b', ' a', 'ä'),
  fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$/),
);
const kind = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9-]{0,62}$/);
const name = fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$/);

/** Query values as the `qs` parser can produce them: strings, lists and nested objects. */
const queryValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>(
  tie => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom('', '0', '-1', '1e3', '1.5', 'NaN', 'Infinity', 'true'),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 5 }), tie('value'), {
        maxKeys: 3,
      }),
    ),
  }),
).value;

const refLike = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .tuple(fc.option(kind), fc.option(segment), segment)
    .map(
      ([k, ns, n]) =>
        `${k === null ? '' : `${k}:`}${ns === null ? '' : `${ns}/`}${n}`,
    ),
);

/** A schema shaped like the routers' list queries. */
const listQuery = z
  .object({
    owner: entityRefParam('group').optional(),
    entityRef: entityRefParam('component').optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

// `?=1` is a parameter with an empty name, so the name may be empty.
const QUERY_ERROR =
  /^(Unknown query parameter |Invalid query parameter (query|owner|entityRef|limit|offset): \S)/;

describe('entityRefFromPath (properties)', () => {
  it('returns the segments of a valid path unchanged', () => {
    fc.assert(
      fc.property(kind, name, name, (k, ns, n) => {
        expect(entityRefFromPath({ kind: k, namespace: ns, name: n })).toEqual({
          kind: k,
          namespace: ns,
          name: n,
        });
      }),
      RUNS,
    );
  });

  it('meets any other segments with an InputError naming the bad one', () => {
    fc.assert(
      fc.property(segment, segment, segment, (k, ns, n) => {
        const v = verdict(() =>
          entityRefFromPath({ kind: k, namespace: ns, name: n }),
        );
        expect(v).toEqual(
          acceptedOr(
            v,
            { kind: k, namespace: ns, name: n },
            /^Invalid (kind|namespace|name) ".*" in the entity path$/s,
          ),
        );
      }),
      RUNS,
    );
  });

  it('makes SLO refs that are lower case and parse back to the same path', () => {
    fc.assert(
      fc.property(segment, segment, (ns, n) => {
        const v = verdict(() => sloRefFromPath({ namespace: ns, name: n }));
        expect(v).toEqual(
          acceptedOr(
            v,
            `slo:${ns}/${n}`.toLocaleLowerCase('en-US'),
            /^Invalid (namespace|name) /,
          ),
        );
      }),
      RUNS,
    );
  });
});

describe('parseQuery with entityRefParam (properties)', () => {
  it('meets arbitrary queries with a result or an InputError naming the parameter', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          queryValue,
          fc.record(
            {
              owner: fc.oneof(refLike, queryValue),
              entityRef: fc.oneof(refLike, queryValue),
              limit: queryValue,
              offset: queryValue,
              other: queryValue,
            },
            { requiredKeys: [] },
          ),
        ),
        query => {
          const v = verdict(() => parseQuery(listQuery, query));
          expect(v).toEqual(acceptedOr(v, expect.anything(), QUERY_ERROR));
        },
      ),
      RUNS,
    );
  });

  it('normalises a valid ref to kind:namespace/name, and the result parses to itself', () => {
    fc.assert(
      fc.property(
        fc.option(kind, { nil: undefined }),
        fc.option(name, { nil: undefined }),
        name,
        (k, ns, n) => {
          const raw = `${k ? `${k}:` : ''}${ns ? `${ns}/` : ''}${n}`;
          const expected = `${k ?? 'group'}:${
            ns ?? 'default'
          }/${n}`.toLocaleLowerCase('en-US');
          fc.pre(raw.length <= 300);
          const once = parseQuery(listQuery, { owner: raw });
          expect(once).toEqual({ owner: expected, limit: 100, offset: 0 });
          expect(parseQuery(listQuery, { owner: once.owner })).toEqual(once);
        },
      ),
      RUNS,
    );
  });

  it('reads page numbers written as whole numbers and refuses the rest by name', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10, max: 1000 }), n => {
        const v = verdict(() =>
          parseQuery(listQuery, { limit: String(n), offset: String(n) }),
        );
        const refused = {
          refused: expect.stringMatching(
            /^Invalid query parameter (limit|offset): /,
          ),
        };
        expect(v).toEqual(
          n >= 1 && n <= 500 ? { accepted: { limit: n, offset: n } } : refused,
        );
      }),
      RUNS,
    );
  });
});
