import {
  ACTION_ITEM_PRIORITIES,
  ACTION_ITEM_STATUSES,
  POSTMORTEM_CONTENT_FIELDS,
  POSTMORTEM_SEVERITIES,
  POSTMORTEM_STATUSES,
  POSTMORTEM_TEMPLATES,
} from '@sre-catalog/backstage-plugin-sre-common';
import fc from 'fast-check';
import { parsePostmortemRequest } from './parsePostmortemRequest';
import { acceptedOrField, verdict } from '../__testUtils__/parseVerdict';
import { replaceOneValue } from '../__testUtils__/replaceOneValue';

const NOW = new Date('2026-11-20T12:00:00Z');
const RUNS = { numRuns: 200 };
const HOUR = 3_600_000;

/** `Invalid title: ...`, `Invalid actionItems[2].owner: ...`, `Invalid body: ...`. */
const FIELD = /^Invalid (body|[a-zA-Z]+(\[\d+\])?(\.[a-zA-Z]+)?): \S/;

const ACCEPTED_OR_FIELD = acceptedOrField(FIELD);

const mode = fc.constantFrom('create', 'update' as const);

const kind = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9-]{0,8}$/);
const name = fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,12}$/);

/** A ref as people write it: with or without kind and namespace, any case, padded. */
function ref(kinds: fc.Arbitrary<string>, kindOptional: boolean) {
  return fc
    .record({
      kind: kindOptional ? fc.option(kinds, { nil: undefined }) : kinds,
      namespace: fc.option(name, { nil: undefined }),
      name,
      pad: fc.constantFrom('', ' ', '\t '),
    })
    .map(
      r =>
        `${r.pad}${r.kind ? `${r.kind}:` : ''}${
          r.namespace ? `${r.namespace}/` : ''
        }${r.name}${r.pad}`,
    );
}

/** What a ref must become: `kind:namespace/name`, lower case. */
function normalised(raw: string, defaultKind: string): string {
  const text = raw.trim();
  const [head, rest] = text.includes(':')
    ? [text.slice(0, text.indexOf(':')), text.slice(text.indexOf(':') + 1)]
    : [defaultKind, text];
  const [ns, n] = rest.includes('/') ? rest.split('/') : ['default', rest];
  return `${head}:${ns}/${n}`.toLocaleLowerCase('en-US');
}

const nonBlank = (max: number) =>
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: Math.min(max, 40) })
    .filter(s => s.trim().length > 0 && !s.includes('\u0000'));

/** An instant in an ISO-8601 form with Z or an offset. */
const isoAt = (fromMs: number, toMs: number) =>
  fc
    .record({
      ms: fc.integer({ min: fromMs, max: toMs }),
      offset: fc.integer({ min: -48, max: 56 }).map(q => q * 15),
    })
    .map(({ ms, offset }) => {
      const ss = Math.floor(ms / 1000) * 1000;
      const local = new Date(ss + offset * 60_000).toISOString().slice(0, 19);
      if (offset === 0) return `${local}Z`;
      const abs = Math.abs(offset);
      return `${local}${offset < 0 ? '-' : '+'}${String(
        Math.floor(abs / 60),
      ).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
    });

const httpUrl = fc.webUrl({ validSchemes: ['http', 'https'] });

const tag = fc.stringMatching(/^[a-z0-9][a-z0-9+#._:/-]{0,20}$/);

// Built once: making arbitraries inside `chain` for every run is slow.
const text = nonBlank(40);
const entityRef = ref(kind, true);
const sloRef = ref(fc.constantFrom('slo', 'SLO'), true);
const ownerRef = ref(fc.constantFrom('user', 'group', 'Group'), false);
const actionItem = fc.record(
  {
    id: fc.stringMatching(/^[a-z0-9-]{1,20}$/),
    title: text,
    owner: ownerRef,
    dueDate: fc
      .date({
        min: new Date('2020-01-01'),
        max: new Date('2030-12-31'),
        noInvalidDate: true,
      })
      .map(d => d.toISOString().slice(0, 10)),
    priority: fc.constantFrom(...ACTION_ITEM_PRIORITIES),
    status: fc.constantFrom(...ACTION_ITEM_STATUSES),
    trackingUrl: httpUrl,
  },
  { requiredKeys: ['title', 'owner', 'priority'] },
);

/** A valid create body; a full published one carries what it needs. */
const validRequest = fc
  .record({
    template: fc.constantFrom(...POSTMORTEM_TEMPLATES),
    status: fc.option(fc.constantFrom(...POSTMORTEM_STATUSES), {
      nil: undefined,
    }),
    startMs: fc.integer({
      min: NOW.getTime() - 400 * 24 * HOUR,
      max: NOW.getTime(),
    }),
  })
  .chain(({ template, status, startMs }) => {
    const full = template === 'full';
    const later = isoAt(startMs, NOW.getTime());
    const maybe = <T>(arb: fc.Arbitrary<T>, required: boolean) =>
      required ? arb : fc.option(arb, { nil: undefined });
    return fc.record(
      {
        template: fc.constant(template),
        status: fc.constant(status),
        title: text.map(t => ` ${t} `),
        severity: fc.constantFrom(...POSTMORTEM_SEVERITIES),
        startedAt: isoAt(startMs, startMs),
        detectedAt: maybe(later, full),
        // Mitigated and resolved at the same instant keep their order valid.
        mitigatedAndResolved: maybe(later, full),
        entityRefs: fc.array(entityRef, { minLength: 1, maxLength: 4 }),
        impactedSlos: fc.uniqueArray(
          fc.record(
            {
              sloRef,
              // `+ 0` turns -0 into 0, which JSON writes the same way.
              budgetConsumed: fc
                .double({ min: 0, max: 1000, noNaN: true })
                .map(x => x + 0),
              computed: fc.boolean(),
            },
            { requiredKeys: ['sloRef'] },
          ),
          { maxLength: 3, selector: x => normalised(x.sloRef, 'slo') },
        ),
        summary: text,
        impact: maybe(text, full),
        timeline: fc.array(fc.record({ at: later, description: text }), {
          maxLength: 3,
        }),
        contributingFactors: fc.array(text, {
          minLength: full && status === 'published' ? 1 : 0,
          maxLength: 3,
        }),
        tags: fc.array(tag, { maxLength: 4 }),
        links: fc.array(fc.record({ title: text, url: httpUrl }), {
          maxLength: 2,
        }),
        actionItems: fc.uniqueArray(actionItem, {
          maxLength: 3,
          selector: a => a.id ?? Symbol(),
        }),
      },
      {
        requiredKeys: [
          'template',
          'title',
          'severity',
          'startedAt',
          'entityRefs',
          'summary',
          ...(full
            ? (['detectedAt', 'mitigatedAndResolved', 'impact'] as const)
            : []),
          ...(full && status === 'published'
            ? (['contributingFactors'] as const)
            : []),
        ],
      },
    );
  })
  .map(({ mitigatedAndResolved, ...body }) => {
    const request: Record<string, unknown> = { ...body };
    if (mitigatedAndResolved !== undefined) {
      request.mitigatedAt = mitigatedAndResolved;
      request.resolvedAt = mitigatedAndResolved;
    }
    for (const key of Object.keys(request)) {
      if (request[key] === undefined) delete request[key];
    }
    return request;
  });

const jsonish = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    -1,
    0,
    1.5,
    2 ** 53,
    null,
    true,
    [],
    {},
    // A link scheme the parser must refuse.
    // eslint-disable-next-line no-script-url
    'javascript:alert(1)',
    'component:default/',
    '2026-02-30T00:00:00Z',
    '9999-12-31T23:59:59Z',
    'x'.repeat(20_001),
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

describe('parsePostmortemRequest (properties)', () => {
  it('refuses arbitrary JSON with an InputError naming the field', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.dictionary(
            // Every field a body may have, and names a parser must not trip on.
            fc.constantFrom(
              ...POSTMORTEM_CONTENT_FIELDS,
              'version',
              'id',
              '__proto__',
              'constructor',
            ),
            jsonish,
          ),
        ),
        mode,
        (body, m) => {
          expect(
            verdict(() => parsePostmortemRequest(body, { mode: m, now: NOW })),
          ).toMatch(ACCEPTED_OR_FIELD);
        },
      ),
      RUNS,
    );
  });

  it('accepts valid requests and normalises refs, times and the title', () => {
    fc.assert(
      fc.property(validRequest, body => {
        const parsed = parsePostmortemRequest(body, {
          mode: 'create',
          now: NOW,
        });
        expect(parsed.title).toBe(String(body.title).trim());
        expect(parsed.startedAt).toBe(
          new Date(String(body.startedAt)).toISOString(),
        );
        expect(parsed.entityRefs).toEqual([
          ...new Set(
            (body.entityRefs as string[]).map(r => normalised(r, 'component')),
          ),
        ]);
        expect(parsed.impactedSlos.map(s => s.sloRef)).toEqual(
          ((body.impactedSlos as { sloRef: string }[]) ?? []).map(s =>
            normalised(s.sloRef, 'slo'),
          ),
        );
        expect(parsed.actionItems.map(a => a.owner)).toEqual(
          ((body.actionItems as { owner: string }[]) ?? []).map(a =>
            normalised(a.owner, 'group'),
          ),
        );
        expect(parsed.status).toBe(body.status ?? 'draft');
      }),
      RUNS,
    );
  });

  it('gives back the same request when its own output is sent again as an update', () => {
    fc.assert(
      fc.property(validRequest, fc.integer({ min: 1 }), (body, version) => {
        const once = parsePostmortemRequest(body, { mode: 'create', now: NOW });
        const wire = JSON.parse(JSON.stringify({ ...once, version }));
        const twice = parsePostmortemRequest(wire, {
          mode: 'update',
          now: NOW,
        });
        expect(twice).toEqual({ ...once, version });
      }),
      RUNS,
    );
  });

  it('reads a request without template as the default template', () => {
    fc.assert(
      fc.property(
        validRequest,
        fc.option(fc.constantFrom(...POSTMORTEM_TEMPLATES), { nil: undefined }),
        (body, defaultTemplate) => {
          const { template, ...rest } = body;
          const fallback = defaultTemplate ?? 'quick';
          const explicit = verdict(() =>
            parsePostmortemRequest(
              { ...rest, template: fallback },
              { mode: 'create', now: NOW },
            ),
          );
          const implicit = verdict(() =>
            parsePostmortemRequest(rest, {
              mode: 'create',
              now: NOW,
              defaultTemplate,
            }),
          );
          // A quick body may lack what a full one needs: then both refuse it alike.
          expect(implicit).toBe(explicit);
          expect(implicit).toMatch(
            template === fallback ? /^accepted$/ : ACCEPTED_OR_FIELD,
          );
          expect(
            parsePostmortemRequest(
              { ...rest, template: 'quick' },
              { mode: 'create', now: NOW },
            ),
          ).toEqual(parsePostmortemRequest(rest, { mode: 'create', now: NOW }));
        },
      ),
      RUNS,
    );
  });

  it('meets a valid request with one value replaced either by a result or an InputError', () => {
    fc.assert(
      fc.property(
        validRequest,
        fc.nat(),
        jsonish,
        fc.boolean(),
        mode,
        (body, target, value, remove, m) => {
          const mutated = replaceOneValue(
            { ...body, version: 3 },
            target,
            value,
            remove,
          );
          expect(
            verdict(() =>
              parsePostmortemRequest(mutated, { mode: m, now: NOW }),
            ),
          ).toMatch(ACCEPTED_OR_FIELD);
        },
      ),
      RUNS,
    );
  });
});
