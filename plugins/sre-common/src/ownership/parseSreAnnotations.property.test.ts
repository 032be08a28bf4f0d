import { Entity } from '@backstage/catalog-model';
import fc from 'fast-check';
import {
  ANNOTATION_CENTRAL_SRE,
  ANNOTATION_EMBEDDED_SRES,
  ANNOTATION_ENGAGEMENT,
  ANNOTATION_INTERACTION_MODE,
  ANNOTATION_RESPONSIBILITY_PREFIX,
  ANNOTATION_RUNBOOKS,
  ANNOTATION_TEAM_TYPE,
  ANNOTATION_VISIBILITY,
  SRE_ANNOTATION_PREFIX,
} from '../annotations';
import { parseSreAnnotations } from './parseSreAnnotations';
import {
  ENGAGEMENT_MODELS,
  INTERACTION_MODES,
  PARTY_ROLES,
  TEAM_TYPES,
} from './types';

const RUNS = { numRuns: 200 };
const AREAS = ['alerting', 'on-call', 'cost'] as const;

const name = fc.stringMatching(/^[a-z0-9]([a-z0-9._-]{0,12}[a-z0-9])?$/);
const namespace = fc.stringMatching(/^[a-z0-9]{1,8}$/);
const pad = fc.constantFrom('', ' ', '  \t');

function entity(
  kind: string,
  annotations: Record<string, string>,
  ns?: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name: 'svc',
      ...(ns ? { namespace: ns } : {}),
      annotations,
    },
  };
}

/** Values people write: refs in every spelling, lists, roles, and plain noise. */
const annotationValue = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    ',',
    ':',
    '/',
    'group:',
    ':x',
    'user:default/',
    'a/b/c',
    'group:default/a,b',
    'team',
    'embedded-sre',
    'x:y:z',
  ),
  fc
    .array(
      fc
        .tuple(
          fc.option(fc.constantFrom('user', 'group', 'User', 'component')),
          fc.option(namespace),
          fc.oneof(name, fc.string({ maxLength: 6 })),
        )
        .map(
          ([k, ns, n]) =>
            `${k === null ? '' : `${k}:`}${ns === null ? '' : `${ns}/`}${n}`,
        ),
      { maxLength: 3 },
    )
    .map(parts => parts.join(', ')),
  fc.constantFrom(
    ...ENGAGEMENT_MODELS,
    ...INTERACTION_MODES,
    ...TEAM_TYPES,
    ...PARTY_ROLES,
  ),
);

const annotationKey = fc.oneof(
  fc.constantFrom(
    ANNOTATION_ENGAGEMENT,
    ANNOTATION_EMBEDDED_SRES,
    ANNOTATION_CENTRAL_SRE,
    ANNOTATION_INTERACTION_MODE,
    ANNOTATION_TEAM_TYPE,
    ANNOTATION_RUNBOOKS,
    ANNOTATION_VISIBILITY,
    'backstage.io/techdocs-ref',
    SRE_ANNOTATION_PREFIX,
    ANNOTATION_RESPONSIBILITY_PREFIX,
  ),
  fc
    .oneof(
      fc.constantFrom(...AREAS, 'constructor', '__proto__', 'toString'),
      fc.string({ maxLength: 10 }),
    )
    .map(area => `${ANNOTATION_RESPONSIBILITY_PREFIX}${area}`),
  fc.string({ maxLength: 10 }).map(s => `${SRE_ANNOTATION_PREFIX}${s}`),
);

const kind = fc.oneof(
  fc.constantFrom('Component', 'component', 'System', 'Resource', 'Group'),
  fc.string({ maxLength: 10 }),
);

describe('parseSreAnnotations (properties)', () => {
  it('never throws on arbitrary annotation maps; each bad one is a problem on its key', () => {
    fc.assert(
      fc.property(
        kind,
        fc.option(namespace, { nil: undefined }),
        fc.dictionary(annotationKey, annotationValue, { maxKeys: 8 }),
        (k, ns, annotations) => {
          const result = parseSreAnnotations(entity(k, annotations, ns), {
            areas: AREAS,
          });
          for (const problem of result.problems) {
            expect(problem.annotation.startsWith(SRE_ANNOTATION_PREFIX)).toBe(
              true,
            );
            expect(Object.keys(annotations)).toContain(problem.annotation);
            expect(typeof problem.value).toBe('string');
            expect(problem.message.length).toBeGreaterThan(0);
          }
          // Only the organisation's areas are ever set.
          for (const area of Object.keys(result.responsibilities)) {
            expect(AREAS).toContain(area);
          }
          for (const ref of [
            ...(result.embeddedSres ?? []),
            ...(result.centralSre ? [result.centralSre] : []),
          ]) {
            expect(ref).toMatch(/^(user|group):[^:/]+\/[^:/]+$/);
            expect(ref).toBe(ref.toLocaleLowerCase('en-US'));
          }
        },
      ),
      RUNS,
    );
  });

  it('reads valid annotations as written, normalising refs, without problems', () => {
    fc.assert(
      fc.property(
        fc.record({
          ns: fc.option(namespace, { nil: undefined }),
          engagement: fc.constantFrom(...ENGAGEMENT_MODELS),
          mode: fc.constantFrom(...INTERACTION_MODES),
          sres: fc.array(
            fc.tuple(fc.constantFrom('', 'user:', 'User:'), name),
            { maxLength: 4 },
          ),
          central: name,
          area: fc.constantFrom(...AREAS),
          party: fc.oneof(
            fc.constantFrom(...PARTY_ROLES),
            name.map(n => `group:${n}`),
          ),
          pads: fc.tuple(pad, pad),
        }),
        p => {
          const ns = p.ns ?? 'default';
          const annotations = {
            [ANNOTATION_ENGAGEMENT]: `${p.pads[0]}${p.engagement}${p.pads[1]}`,
            [ANNOTATION_INTERACTION_MODE]: p.mode,
            [ANNOTATION_EMBEDDED_SRES]: p.sres
              .map(([k, n]) => `${p.pads[0]}${k}${n}`)
              .join(','),
            [ANNOTATION_CENTRAL_SRE]: `group:${p.central}`,
            [`${ANNOTATION_RESPONSIBILITY_PREFIX}${p.area}`]: p.party,
            [ANNOTATION_RUNBOOKS]: 'dir:./runbooks',
            [ANNOTATION_VISIBILITY]: 'restricted',
          };
          const result = parseSreAnnotations(
            entity('Component', annotations, p.ns),
            { areas: AREAS },
          );
          expect(result.problems).toEqual([]);
          expect(result.engagement).toBe(p.engagement);
          expect(result.interactionMode).toBe(p.mode);
          expect(result.embeddedSres).toEqual([
            ...new Set(p.sres.map(([, n]) => `user:${ns}/${n}`)),
          ]);
          expect(result.centralSre).toBe(`group:${ns}/${p.central}`);
          expect(result.responsibilities).toEqual({
            [p.area]: p.party.startsWith('group:')
              ? `group:${ns}/${p.party.slice('group:'.length)}`
              : p.party,
          });
        },
      ),
      RUNS,
    );
  });
});
