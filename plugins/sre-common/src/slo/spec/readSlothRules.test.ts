import {
  ANNOTATION_SLOTH_ID,
  ANNOTATION_SLOTH_SERVICE,
  ANNOTATION_SLOTH_SLO,
} from './annotations';
import { validateOpenSloSlo } from './validateOpenSlo';

function prometheus(query: string) {
  return { metricSource: { type: 'Prometheus', spec: { query } } };
}

/** A Prometheus SLO with the given annotations. */
function slo(annotations: Record<string, unknown>, overrides: any = {}): any {
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name: 'checkout-availability', annotations },
    spec: {
      service: 'checkout',
      indicator: {
        metadata: { name: 'checkout-errors' },
        spec: {
          ratioMetric: {
            counter: true,
            bad: prometheus('http_requests_total{code=~"5.."}'),
            total: prometheus('http_requests_total'),
          },
        },
      },
      timeWindow: [{ duration: '30d', isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives: [{ targetPercent: 99.9 }],
      ...overrides,
    },
  };
}

const path = (key: string) => `metadata.annotations[${JSON.stringify(key)}]`;

describe('Sloth recording rules of an SLO', () => {
  it('reads the Sloth service and SLO, with Sloth’s default ID', () => {
    const { definition, problems } = validateOpenSloSlo(
      slo({
        [ANNOTATION_SLOTH_SERVICE]: 'checkout',
        [ANNOTATION_SLOTH_SLO]: 'requests-availability',
      }),
    );
    expect(problems).toEqual([]);
    expect(definition?.indicator.source).toEqual({
      type: 'prometheus',
      counter: true,
      bad: { query: 'http_requests_total{code=~"5.."}' },
      total: { query: 'http_requests_total' },
      sloth: {
        id: 'checkout-requests-availability',
        service: 'checkout',
        slo: 'requests-availability',
      },
    });
  });

  it('takes an explicit ID (Sloth’s OpenSLO mode appends an index)', () => {
    const { definition } = validateOpenSloSlo(
      slo({
        [ANNOTATION_SLOTH_SERVICE]: 'checkout',
        [ANNOTATION_SLOTH_SLO]: 'requests-availability',
        [ANNOTATION_SLOTH_ID]: 'checkout-requests-availability-0',
      }),
    );
    expect(definition?.indicator.source).toMatchObject({
      sloth: {
        id: 'checkout-requests-availability-0',
        service: 'checkout',
        slo: 'requests-availability',
      },
    });
  });

  it('leaves an SLO without the annotations as it was', () => {
    const { definition } = validateOpenSloSlo(slo({}));
    expect(definition?.indicator.source).not.toHaveProperty('sloth');
  });

  it('needs the service and the SLO together', () => {
    expect(
      validateOpenSloSlo(slo({ [ANNOTATION_SLOTH_SERVICE]: 'checkout' }))
        .problems,
    ).toEqual([
      {
        path: path(ANNOTATION_SLOTH_SLO),
        message: `${ANNOTATION_SLOTH_SLO} is required with ${ANNOTATION_SLOTH_SERVICE}: ${ANNOTATION_SLOTH_SERVICE} and ${ANNOTATION_SLOTH_SLO} name the Sloth SLO (its sloth_service and sloth_slo labels) whose recording rules to read`,
      },
    ]);
    expect(
      validateOpenSloSlo(slo({ [ANNOTATION_SLOTH_ID]: 'checkout-x' })).problems,
    ).toEqual([
      expect.objectContaining({
        path: path(ANNOTATION_SLOTH_SERVICE),
        message: expect.stringMatching(
          /^sre-catalog.io\/sloth-service is required with sre-catalog.io\/sloth-id: /,
        ),
      }),
      expect.objectContaining({ path: path(ANNOTATION_SLOTH_SLO) }),
    ]);
  });

  it.each([
    ['a quote and a brace', 'x"} or vector(1) or {a="'],
    ['a regex alternation', 'checkout|payments'],
    ['a regex wildcard', '.*'],
    ['a line break', 'checkout\nx'],
    ['one character', 'x'],
    ['a leading dash', '-checkout'],
    ['an empty value', ''],
  ])('refuses a name with %s, naming the field', (_what, value) => {
    const { definition, problems } = validateOpenSloSlo(
      slo({
        [ANNOTATION_SLOTH_SERVICE]: 'checkout',
        [ANNOTATION_SLOTH_SLO]: value,
      }),
    );
    expect(definition).toBeUndefined();
    expect(problems).toEqual([
      {
        path: path(ANNOTATION_SLOTH_SLO),
        message: `${ANNOTATION_SLOTH_SLO} ${JSON.stringify(
          value,
        )} is not a Sloth name: at least two letters, digits, "-", "_" or ".", starting and ending with a letter or digit`,
      },
    ]);
  });

  it('refuses a name that is too long for the query of all SLOs', () => {
    const { problems } = validateOpenSloSlo(
      slo({
        [ANNOTATION_SLOTH_SERVICE]: 'checkout',
        [ANNOTATION_SLOTH_SLO]: 'requests',
        [ANNOTATION_SLOTH_ID]: `a${'b'.repeat(300)}`,
      }),
    );
    expect(problems).toEqual([
      {
        path: path(ANNOTATION_SLOTH_ID),
        message: `${ANNOTATION_SLOTH_ID} is 301 characters long; at most 253 are allowed`,
      },
    ]);
  });

  it('refuses a non-string annotation through the annotations check', () => {
    const { definition, problems } = validateOpenSloSlo(
      slo({
        [ANNOTATION_SLOTH_SERVICE]: 'checkout',
        [ANNOTATION_SLOTH_SLO]: 42,
      }),
    );
    expect(definition).toBeUndefined();
    expect(problems).toContainEqual(
      expect.objectContaining({ path: path(ANNOTATION_SLOTH_SLO) }),
    );
  });

  it('refuses the annotations on an SLO that reads the built-in store', () => {
    const { problems } = validateOpenSloSlo(
      slo(
        {
          [ANNOTATION_SLOTH_SERVICE]: 'checkout',
          [ANNOTATION_SLOTH_SLO]: 'requests',
        },
        {
          indicator: {
            metadata: { name: 'checkout-errors' },
            spec: {
              ratioMetric: {
                good: { metricSource: { type: 'builtin' } },
                total: { metricSource: { type: 'builtin' } },
              },
            },
          },
        },
      ),
    );
    expect(problems).toEqual([
      {
        path: path(ANNOTATION_SLOTH_SERVICE),
        message: `Sloth recording rules are read from Prometheus, but this SLO's SLI reads builtin; remove the ${ANNOTATION_SLOTH_SERVICE} annotations or use a Prometheus metricSource`,
      },
    ]);
  });

  it('refuses the annotations on a time-slice SLO', () => {
    const { problems } = validateOpenSloSlo(
      slo(
        {
          [ANNOTATION_SLOTH_SERVICE]: 'checkout',
          [ANNOTATION_SLOTH_SLO]: 'requests',
        },
        {
          budgetingMethod: 'RatioTimeslices',
          objectives: [{ targetPercent: 99.9, timeSliceWindow: '5m' }],
        },
      ),
    );
    expect(problems).toEqual([
      {
        path: path(ANNOTATION_SLOTH_SERVICE),
        message:
          'Sloth recording rules hold error ratios of events, which give the figures of budgetingMethod Occurrences only, not RatioTimeslices',
      },
    ]);
  });
});
