import fc from 'fast-check';
import { SpecProblem } from '../definition';
import { HOURLY_RETENTION_MS } from '../storageLimits';
import { convertPyrra, toSloWindow } from './convertPyrra';
import { convertSloth } from './convertSloth';
import { readIndicator } from './readIndicator';
import {
  normaliseStartTime,
  readTimeSliceWindow,
  readTimeWindow,
} from './readTimeWindow';
import { SpecReader } from './SpecReader';
import { validateOpenSloSlo } from './validateOpenSlo';

const RUNS = { numRuns: 200 };
const DAY_MS = 86_400_000;
const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: DAY_MS,
  w: 7 * DAY_MS,
};

/** The problems that lack a path or a message (there should be none). */
function malformed(problems: SpecProblem[]): unknown[] {
  return problems.filter(
    p =>
      typeof p.path !== 'string' || typeof p.message !== 'string' || !p.message,
  );
}

/** Any value a YAML or JSON parser can hand over, and a few that trip parsers up. */
const yamlValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.date(),
  fc.constantFrom(
    null,
    '',
    ' ',
    0,
    -0,
    1,
    -1,
    0.5,
    99.9,
    100,
    1e21,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    true,
    [],
    {},
    '28d',
    '1M',
    '0d',
    '1000000d',
    'Prometheus',
    'builtin',
    'openslo/v1',
    'SLO',
    '__proto__',
    'constructor',
    'x'.repeat(11_000),
    // What a YAML 1.1 timestamp parser may hand over for a bad date.
    new Date(Number.NaN),
  ),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

/** Mappings with keys a validator reads, and keys that live on Object.prototype. */
const yamlDocument = fc.dictionary(
  fc.constantFrom(
    'apiVersion',
    'kind',
    'metadata',
    'spec',
    'version',
    'service',
    'slos',
    'constructor',
    'toString',
    '__proto__',
  ),
  yamlValue,
);

/** Replaces (or deletes) one value somewhere in a document. */
function mutate(
  doc: unknown,
  target: number,
  value: unknown,
  remove: boolean,
): unknown {
  const copy = structuredClone(doc);
  const slots: Array<[any, string | number]> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        slots.push([node, i]);
        walk(child);
      });
    } else if (node && typeof node === 'object' && !(node instanceof Date)) {
      for (const [key, child] of Object.entries(node)) {
        slots.push([node, key]);
        walk(child);
      }
    }
  };
  walk(copy);
  if (slots.length === 0) return value;
  const [parent, key] = slots[target % slots.length];
  if (remove && !Array.isArray(parent)) delete parent[key];
  else parent[key] = value;
  return copy;
}

const mutation = fc.record({
  target: fc.nat(),
  value: yamlValue,
  remove: fc.boolean(),
});

// Names the catalog accepts: object names and DNS-label namespaces.
const entityName = fc.stringMatching(/^[a-z0-9]([a-z0-9._-]{0,20}[a-z0-9])?$/);
const namespace = fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,8})?$/);
const query = fc
  .string({ minLength: 1, maxLength: 60 })
  .filter(q => q.trim().length > 0);

const prometheusSide = fc.record({ ref: fc.constant('prom'), query });

/** A valid OpenSLO SLO and what its definition must say. */
const validSlo = fc
  .record({
    name: entityName,
    namespace: fc.option(namespace, { nil: undefined }),
    serviceNamespace: fc.option(namespace, { nil: undefined }),
    service: entityName,
    serviceKind: fc.constantFrom('', 'component:', 'Component:'),
    sliName: entityName,
    prometheus: fc.option(
      fc.record({
        counter: fc.boolean(),
        goodSide: fc.constantFrom('good', 'bad'),
        good: prometheusSide,
        total: prometheusSide,
      }),
      { nil: undefined },
    ),
    window: fc.oneof(
      // Periods of at most the 400 days hourly rollups are kept.
      fc.oneof(
        fc.record({
          kind: fc.constant('rolling' as const),
          count: fc.integer({ min: 1, max: 400 }),
          unit: fc.constant('d'),
        }),
        fc.record({
          kind: fc.constant('rolling' as const),
          count: fc.integer({ min: 1, max: 57 }),
          unit: fc.constant('w'),
        }),
      ),
      fc.record({
        kind: fc.constant('calendar' as const),
        count: fc.integer({ min: 1, max: 12 }),
        unit: fc.constantFrom('d', 'w', 'M'),
        startTime: fc
          .date({
            min: new Date('2000-01-01'),
            max: new Date('2030-01-01'),
            noInvalidDate: true,
          })
          .map(d => d.toISOString().slice(0, 19).replace('T', ' ')),
        timeZone: fc.constantFrom(
          'UTC',
          'Europe/Berlin',
          'America/New_York',
          'Asia/Kolkata',
        ),
      }),
      fc.record({
        kind: fc.constant('calendar' as const),
        count: fc.integer({ min: 1, max: 4 }),
        unit: fc.constantFrom('Q'),
        startTime: fc.constant('2022-01-01 00:00:00'),
        timeZone: fc.constant('UTC'),
      }),
      fc.record({
        kind: fc.constant('calendar' as const),
        count: fc.constant(1),
        unit: fc.constantFrom('y'),
        startTime: fc.constant('2022-01-01 00:00:00'),
        timeZone: fc.constant('Europe/Berlin'),
      }),
    ),
    method: fc.constantFrom('Occurrences', 'Timeslices', 'RatioTimeslices'),
    objective: fc.oneof(
      fc.record({
        target: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      }),
      fc.record({
        targetPercent: fc.double({
          min: 0,
          max: 100,
          maxExcluded: true,
          noNaN: true,
        }),
      }),
    ),
    timeSliceTarget: fc.double({
      min: Number.MIN_VALUE,
      max: 1,
      noNaN: true,
    }),
    // Every slice the store can count: whole minutes that divide an hour.
    slice: fc.constantFrom(
      '1m',
      '2m',
      '3m',
      '4m',
      '5m',
      '6m',
      '10m',
      '12m',
      '15m',
      '20m',
      '30m',
      '60m',
      '1h',
      '300s',
      1,
      5,
      60,
    ),
    noData: fc.constantFrom('good', 'bad', 'skip'),
  })
  .map(p => {
    const side = (s?: { ref: string; query: string }) =>
      s
        ? {
            metricSource: {
              type: 'Prometheus',
              metricSourceRef: s.ref,
              spec: { query: `  ${s.query}  ` },
            },
          }
        : { metricSource: { type: 'builtin' } };
    const sliced = p.method !== 'Occurrences';
    const objective: Record<string, unknown> = { ...p.objective };
    if (p.method === 'Timeslices')
      objective.timeSliceTarget = p.timeSliceTarget;
    if (sliced) objective.timeSliceWindow = p.slice;
    const serviceText = p.serviceNamespace
      ? `${p.serviceKind}${p.serviceNamespace}/${p.service}`
      : `${p.serviceKind}${p.service}`;
    const doc = {
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: {
        name: p.name,
        ...(p.namespace ? { namespace: p.namespace } : {}),
        ...(p.method === 'Timeslices'
          ? { annotations: { 'sre-catalog.io/no-data-slices': p.noData } }
          : {}),
      },
      spec: {
        service: serviceText,
        indicator: {
          metadata: { name: p.sliName },
          spec: {
            ratioMetric: p.prometheus
              ? {
                  counter: p.prometheus.counter,
                  [p.prometheus.goodSide]: side(p.prometheus.good),
                  total: side(p.prometheus.total),
                }
              : { good: side(), total: side() },
          },
        },
        timeWindow: [
          p.window.kind === 'rolling'
            ? { duration: `${p.window.count}${p.window.unit}`, isRolling: true }
            : {
                duration: `${p.window.count}${p.window.unit}`,
                calendar: {
                  startTime: p.window.startTime,
                  timeZone: p.window.timeZone,
                },
              },
        ],
        budgetingMethod: p.method,
        objectives: [objective],
      },
    };
    const ns = p.namespace ?? 'default';
    const sliceMs =
      typeof p.slice === 'number'
        ? p.slice * 60_000
        : Number(p.slice.slice(0, -1)) * UNIT_MS[p.slice.slice(-1)];
    const expected = {
      ref: `slo:${ns}/${p.name}`,
      namespace: ns,
      service: `component:${p.serviceNamespace ?? ns}/${p.service}`,
      target:
        'target' in p.objective
          ? p.objective.target
          : Number((p.objective.targetPercent / 100).toPrecision(12)),
      budgetingMethod: p.method,
      timeWindowKind: p.window.kind,
      durationMs:
        p.window.kind === 'rolling'
          ? p.window.count * UNIT_MS[p.window.unit]
          : undefined,
      timeSliceWindowMs: sliced ? sliceMs : undefined,
      source: p.prometheus ? 'prometheus' : 'builtin',
    };
    return { doc, expected };
  });

describe('validateOpenSloSlo (properties)', () => {
  it('never throws on arbitrary documents and returns a definition only without problems', () => {
    fc.assert(
      fc.property(fc.oneof(yamlValue, yamlDocument), doc => {
        const result = validateOpenSloSlo(doc);
        expect(malformed(result.problems)).toEqual([]);
        expect(!!result.definition).toBe(result.problems.length === 0);
      }),
      RUNS,
    );
  });

  it('reads valid documents into the definition they describe', () => {
    fc.assert(
      fc.property(validSlo, ({ doc, expected }) => {
        const result = validateOpenSloSlo(doc);
        expect(result.problems).toEqual([]);
        const definition = result.definition!;
        expect(definition.ref).toBe(expected.ref);
        expect(definition.namespace).toBe(expected.namespace);
        expect(definition.service).toBe(expected.service);
        expect(definition.target).toBe(expected.target);
        expect(definition.budgetingMethod).toBe(expected.budgetingMethod);
        expect(definition.timeWindow).toMatchObject(
          expected.durationMs === undefined
            ? { kind: 'calendar' }
            : { kind: 'rolling', durationMs: expected.durationMs },
        );
        expect(definition.timeSliceWindowMs).toBe(expected.timeSliceWindowMs);
        expect(definition.indicator.source.type).toBe(expected.source);
        const source = definition.indicator.source;
        const queries =
          source.type === 'prometheus'
            ? [source.good, source.bad, source.total].flatMap(q =>
                q ? [q.query] : [],
              )
            : [];
        expect(queries).toEqual(queries.map(q => q.trim()));
      }),
      RUNS,
    );
  });

  it('meets a valid document with one value replaced by problems or a definition, never a crash', () => {
    fc.assert(
      fc.property(validSlo, mutation, ({ doc }, m) => {
        const result = validateOpenSloSlo(
          mutate(doc, m.target, m.value, m.remove),
        );
        expect(malformed(result.problems)).toEqual([]);
        expect(!!result.definition).toBe(result.problems.length === 0);
      }),
      RUNS,
    );
  });

  it('never throws on arbitrary referenced SLIs, alert policies and data sources', () => {
    const names = fc.constantFrom(
      'sli',
      'policy',
      'prom',
      'constructor',
      'toString',
      '__proto__',
      'hasOwnProperty',
    );
    fc.assert(
      fc.property(
        validSlo,
        names,
        fc.array(names, { maxLength: 3 }),
        fc.dictionary(names, yamlValue),
        fc.dictionary(names, yamlValue),
        fc.dictionary(names, yamlValue),
        ({ doc }, ref, policies, slis, alertPolicies, dataSources) => {
          const { indicator, ...spec } = doc.spec;
          void indicator;
          const result = validateOpenSloSlo(
            {
              ...doc,
              spec: { ...spec, indicatorRef: ref, alertPolicies: policies },
            },
            { slis, alertPolicies, dataSources },
          );
          expect(malformed(result.problems)).toEqual([]);
        },
      ),
      RUNS,
    );
  });

  // `{}` has no policy or SLI named "constructor", yet `{}["constructor"]` is Object.
  it('refuses references to names that only Object.prototype has', () => {
    fc.assert(
      fc.property(
        validSlo,
        fc.constantFrom('constructor', 'toString', 'hasOwnProperty'),
        ({ doc }, ref) => {
          const result = validateOpenSloSlo(
            { ...doc, spec: { ...doc.spec, alertPolicies: [ref] } },
            { alertPolicies: {} },
          );
          expect(result.problems).toEqual([
            expect.objectContaining({
              path: 'spec.alertPolicies[0]',
              message: expect.stringContaining('is not defined'),
            }),
          ]);
          const { indicator, ...spec } = doc.spec;
          void indicator;
          const byRef = validateOpenSloSlo(
            { ...doc, spec: { ...spec, indicatorRef: ref } },
            { slis: {} },
          );
          expect(byRef.problems).toEqual([
            {
              path: 'spec.indicatorRef',
              message: `indicatorRef "${ref}" names no known SLI; known SLIs: none`,
            },
          ]);
        },
      ),
      RUNS,
    );
  });
});

describe('readTimeWindow and readIndicator (properties)', () => {
  it('never throw on arbitrary windows, slices and indicators', () => {
    fc.assert(
      fc.property(yamlValue, yamlValue, yamlValue, (window, slice, sli) => {
        const reader = new SpecReader();
        const period = readTimeWindow(reader, { timeWindow: window }, 'spec');
        readTimeSliceWindow(reader, { timeSliceWindow: slice }, 'o', period);
        readIndicator(reader, sli, 'spec.indicator', { document: false });
        readIndicator(reader, sli, 'slis.x', { document: true });
        expect(malformed(reader.problems)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('reads every fixed rolling duration up to 400 days as its length in milliseconds, and refuses longer ones', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999_999 }),
        fc.constantFrom('s', 'm', 'h', 'd', 'w'),
        (count, unit) => {
          const reader = new SpecReader();
          const window = readTimeWindow(
            reader,
            { timeWindow: [{ duration: `${count}${unit}`, isRolling: true }] },
            'spec',
          );
          const durationMs = count * UNIT_MS[unit];
          const tooLong = durationMs > HOURLY_RETENTION_MS;
          expect({
            window,
            problems: reader.problems.map(p => p.path),
          }).toEqual(
            tooLong
              ? { window: undefined, problems: ['spec.timeWindow[0].duration'] }
              : {
                  window: {
                    kind: 'rolling',
                    durationMs,
                    text: `${count}${unit}`,
                  },
                  problems: [],
                },
          );
        },
      ),
      RUNS,
    );
  });

  it('accepts a time slice exactly when it is whole minutes that divide an hour', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.tuple(
            fc.integer({ min: 1, max: 7200 }),
            fc.constantFrom('s', 'm', 'h'),
          ),
          // Every divisor of an hour in seconds: the allowed ones and 30s, 90s…
          fc.tuple(
            fc.constantFrom(
              ...Array.from({ length: 3600 }, (_, i) => i + 1).filter(
                d => 3600 % d === 0,
              ),
            ),
            fc.constant('s'),
          ),
        ),
        ([count, unit]) => {
          const reader = new SpecReader();
          const ms = readTimeSliceWindow(
            reader,
            { timeSliceWindow: `${count}${unit}` },
            'o',
            undefined,
          );
          const sliceMs = count * UNIT_MS[unit];
          const countable = sliceMs % 60_000 === 0 && 3_600_000 % sliceMs === 0;
          expect(ms).toBe(countable ? sliceMs : undefined);
          expect(reader.problems).toHaveLength(countable ? 0 : 1);
        },
      ),
      RUNS,
    );
  });

  it('normalises real dates and times and refuses the others without throwing', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1900-01-01'),
          max: new Date('2999-12-31'),
          noInvalidDate: true,
        }),
        date => {
          const iso = date.toISOString().slice(0, 19);
          expect(normaliseStartTime(iso.replace('T', ' '))).toBe(iso);
          expect(normaliseStartTime(`${iso}Z`)).toBe(`${iso}Z`);
        },
      ),
      RUNS,
    );
    fc.assert(
      fc.property(
        fc.oneof(
          yamlValue,
          fc.stringMatching(
            /^\d{4}-\d\d-\d\d[T ][\d:.]{0,12}[Z+-]?[\d:]{0,5}$/,
          ),
        ),
        value => {
          const normalised = normaliseStartTime(value);
          // What it makes of a string is an ISO-8601 date-time that Date.parse reads.
          const ok =
            normalised === undefined ||
            typeof value !== 'string' ||
            (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.test(
              normalised,
            ) &&
              !Number.isNaN(Date.parse(normalised)));
          expect({ value, normalised, ok }).toEqual({
            value,
            normalised,
            ok: true,
          });
        },
      ),
      RUNS,
    );
  });
});

/** A valid Sloth document of one service. */
const validSloth = fc
  .record({
    service: entityName,
    slos: fc.uniqueArray(
      fc.record({
        name: entityName,
        objective: fc.double({
          min: 0.001,
          max: 99.999,
          noNaN: true,
        }),
        error: query,
        total: query,
      }),
      { minLength: 1, maxLength: 3, selector: s => s.name },
    ),
  })
  .map(({ service, slos }) => ({
    version: 'prometheus/v1',
    service,
    slos: slos.map(s => ({
      name: s.name,
      objective: s.objective,
      sli: {
        events: {
          error_query: `sum(rate(${s.error}[{{.window}}]))`,
          total_query: `sum(rate(${s.total}[{{ .window }}]))`,
        },
      },
    })),
  }));

/** A valid Pyrra ratio SLO. */
const validPyrra = fc
  .record({
    name: entityName,
    namespace: fc.option(namespace, { nil: undefined }),
    service: entityName,
    target: fc.integer({ min: 1, max: 99_999 }).map(n => String(n / 1000)),
    // Windows of at most the 400 days hourly rollups are kept.
    window: fc.oneof(
      fc
        .tuple(fc.integer({ min: 1, max: 999 }), fc.constantFrom('h', 'm'))
        .map(([n, u]) => `${n}${u}`),
      fc.integer({ min: 1, max: 400 }).map(n => `${n}d`),
      fc.integer({ min: 1, max: 57 }).map(n => `${n}w`),
      fc.constantFrom('1y', '1d12h', '2w3d'),
    ),
    metric: fc.stringMatching(/^[a-z_][a-z0-9_]{0,20}$/),
  })
  .map(p => ({
    apiVersion: 'pyrra.dev/v1alpha1',
    kind: 'ServiceLevelObjective',
    metadata: {
      name: p.name,
      ...(p.namespace ? { namespace: p.namespace } : {}),
      annotations: { 'sre-catalog.io/service': p.service },
    },
    spec: {
      target: p.target,
      window: p.window,
      indicator: {
        ratio: {
          errors: { metric: `${p.metric}{code=~"5.."}` },
          total: { metric: p.metric },
        },
      },
    },
  }));

describe('convertSloth and convertPyrra (properties)', () => {
  it('never throw on arbitrary documents', () => {
    fc.assert(
      fc.property(fc.oneof(yamlValue, yamlDocument), doc => {
        for (const result of [convertSloth(doc), convertPyrra(doc)]) {
          expect(malformed(result.problems)).toEqual([]);
          expect(Array.isArray(result.entities)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('turn valid documents into entities that validate with the same target', () => {
    fc.assert(
      fc.property(validSloth, doc => {
        const { entities, problems } = convertSloth(doc);
        expect(problems).toEqual([]);
        expect(entities).toHaveLength(doc.slos.length);
        entities.forEach((entity, i) => {
          const result = validateOpenSloSlo(entity);
          expect(result.problems).toEqual([]);
          expect(result.definition!.target).toBeCloseTo(
            doc.slos[i].objective / 100,
            12,
          );
          expect(result.definition!.format).toBe('sloth');
        });
      }),
      RUNS,
    );
    fc.assert(
      fc.property(validPyrra, doc => {
        const { entities, problems } = convertPyrra(doc);
        expect(problems).toEqual([]);
        expect(entities).toHaveLength(1);
        const result = validateOpenSloSlo(entities[0]);
        expect(result.problems).toEqual([]);
        expect(result.definition!.target).toBeCloseTo(
          Number(doc.spec.target) / 100,
          12,
        );
        expect(result.definition!.format).toBe('pyrra');
      }),
      RUNS,
    );
  });

  it('meet valid documents with one value replaced by problems, or entities that validate', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          validSloth.map(doc => ({ doc, convert: convertSloth })),
          validPyrra.map(doc => ({ doc, convert: convertPyrra })),
        ),
        mutation,
        ({ doc, convert }, m) => {
          const result = convert(mutate(doc, m.target, m.value, m.remove));
          expect(malformed(result.problems)).toEqual([]);
          for (const entity of result.entities) {
            expect(malformed(validateOpenSloSlo(entity).problems)).toEqual([]);
          }
        },
      ),
      RUNS,
    );
  });

  // A window the converter keeps must be one the validator reads back.
  it('converts Pyrra windows only into durations OpenSLO validation accepts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 99_999_999 }),
        fc.constantFrom('d', 'w', 'h', 'm', 's'),
        (count, unit) => {
          const window = toSloWindow(`${count}${unit}`);
          if (window === undefined) return;
          const reader = new SpecReader();
          readTimeWindow(
            reader,
            { timeWindow: [{ duration: window, isRolling: true }] },
            'spec',
          );
          const tooLong = count * UNIT_MS[unit] > HOURLY_RETENTION_MS;
          expect(reader.problems.map(p => p.path)).toEqual(
            tooLong ? ['spec.timeWindow[0].duration'] : [],
          );
        },
      ),
      RUNS,
    );
  });

  it('refuses on spec.window a Pyrra window longer than 400 days, and converts the others', () => {
    fc.assert(
      fc.property(
        validPyrra,
        fc.integer({ min: 1, max: 99_999 }),
        fc.constantFrom('d', 'w', 'h'),
        (doc, count, unit) => {
          doc.spec.window = `${count}${unit}`;
          const { entities, problems } = convertPyrra(doc);
          const tooLong = count * UNIT_MS[unit] > HOURLY_RETENTION_MS;
          expect({
            problems,
            validated: entities.map(e => validateOpenSloSlo(e).problems),
          }).toEqual(
            tooLong
              ? {
                  problems: [
                    {
                      path: 'spec.window',
                      message: `window "${count}${unit}" is longer than the 400 days hourly rollups are kept for; use at most 400d`,
                    },
                  ],
                  validated: [],
                }
              : { problems: [], validated: [[]] },
          );
        },
      ),
      RUNS,
    );
  });
});
