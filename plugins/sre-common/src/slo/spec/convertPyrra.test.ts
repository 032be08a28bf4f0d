import { badOverTotalIndicator } from '../__testUtils__/convertedSloFixtures';
import { SloDefinition } from '../definition';
import { convertPyrra, toSloWindow } from './convertPyrra';
import { validateOpenSloSlo } from './validateOpenSlo';

/** A ratio SLO as Pyrra's examples write it. */
function apiServerErrors(): any {
  return {
    apiVersion: 'pyrra.dev/v1alpha1',
    kind: 'ServiceLevelObjective',
    metadata: {
      name: 'payments-api-errors',
      namespace: 'payments',
      labels: {
        prometheus: 'k8s',
        role: 'alert-rules',
        'app.kubernetes.io/name': 'payments-api',
      },
      annotations: {
        'sre-catalog.io/runbook-url': 'https://runbooks.example.com/payments',
      },
    },
    spec: {
      target: '99.5',
      window: '4w',
      description: 'Payments API requests that do not fail',
      indicator: {
        ratio: {
          errors: {
            metric: 'http_requests_total{job="payments-api",code=~"5.."}',
          },
          total: { metric: 'http_requests_total{job="payments-api"}' },
        },
      },
    },
  };
}

describe('toSloWindow', () => {
  it.each([
    ['28d', '28d'],
    ['4w', '4w'],
    ['1y', '365d'],
    ['1d12h', '36h'],
    ['90m', '90m'],
  ])('turns %p into %p', (window, expected) => {
    expect(toSloWindow(window)).toBe(expected);
  });

  it.each(['', '28 days', '1M', '1500ms', '0d'])('rejects %p', window => {
    expect(toSloWindow(window)).toBeUndefined();
  });
});

describe('convertPyrra', () => {
  it('makes an OpenSLO SLO entity of a ratio SLO', () => {
    expect(convertPyrra(apiServerErrors())).toEqual({
      entities: [
        {
          apiVersion: 'openslo/v1',
          kind: 'SLO',
          metadata: {
            name: 'payments-api-errors',
            namespace: 'payments',
            description: 'Payments API requests that do not fail',
            labels: {
              prometheus: 'k8s',
              role: 'alert-rules',
              'app.kubernetes.io/name': 'payments-api',
            },
            annotations: {
              'sre-catalog.io/slo-format': 'pyrra',
              'sre-catalog.io/runbook-url':
                'https://runbooks.example.com/payments',
            },
          },
          spec: {
            description: 'Payments API requests that do not fail',
            service: 'payments-api',
            indicator: badOverTotalIndicator(
              'payments-api-errors',
              'http_requests_total{job="payments-api",code=~"5.."}',
              'http_requests_total{job="payments-api"}',
            ),
            timeWindow: [{ duration: '4w', isRolling: true }],
            budgetingMethod: 'Occurrences',
            objectives: [{ targetPercent: 99.5 }],
          },
        },
      ],
      problems: [],
    });
  });

  it('gives an entity that validates into the expected definition', () => {
    const [entity] = convertPyrra(apiServerErrors()).entities;
    expect(validateOpenSloSlo(entity)).toEqual({
      definition: {
        ref: 'slo:payments/payments-api-errors',
        name: 'payments-api-errors',
        namespace: 'payments',
        description: 'Payments API requests that do not fail',
        service: 'component:payments/payments-api',
        format: 'pyrra',
        target: 0.995,
        budgetingMethod: 'Occurrences',
        timeWindow: {
          kind: 'rolling',
          durationMs: 28 * 86_400_000,
          text: '4w',
        },
        indicator: {
          name: 'payments-api-errors',
          source: {
            type: 'prometheus',
            counter: true,
            bad: {
              query: 'http_requests_total{job="payments-api",code=~"5.."}',
            },
            total: { query: 'http_requests_total{job="payments-api"}' },
          },
        },
        alertPolicies: [],
        runbookUrls: ['https://runbooks.example.com/payments'],
      } satisfies SloDefinition,
      problems: [],
    });
  });

  it('finds the service in the annotation first, then the labels', () => {
    const doc = apiServerErrors();
    doc.metadata.labels.service = 'payments';
    expect(convertPyrra(doc).entities[0].spec?.service).toBe('payments');
    doc.metadata.annotations['sre-catalog.io/service'] =
      'component:shared/payments-gateway';
    expect(convertPyrra(doc).entities[0].spec?.service).toBe(
      'component:shared/payments-gateway',
    );
  });

  it('uses the given namespace when the document has none', () => {
    const doc = apiServerErrors();
    delete doc.metadata.namespace;
    expect(convertPyrra(doc, { namespace: 'shop' }).entities[0]).toMatchObject({
      metadata: { namespace: 'shop' },
    });
    expect(convertPyrra(doc).entities[0].metadata.namespace).toBe('default');
  });

  it('accepts a target written as a number', () => {
    const doc = apiServerErrors();
    doc.spec.target = 99.95;
    expect(convertPyrra(doc).entities[0].spec?.objectives).toEqual([
      { targetPercent: 99.95 },
    ]);
  });

  describe.each<[string, (doc: any) => void, string, string]>([
    [
      'apiVersion is pyrra.dev/v1alpha1',
      doc => {
        doc.apiVersion = 'pyrra.dev/v1';
      },
      'apiVersion',
      'apiVersion "pyrra.dev/v1" is not pyrra.dev/v1alpha1',
    ],
    [
      'kind is ServiceLevelObjective',
      doc => {
        doc.kind = 'SLO';
      },
      'kind',
      'kind "SLO" is not ServiceLevelObjective',
    ],
    [
      'metadata.name is required',
      doc => {
        delete doc.metadata.name;
      },
      'metadata.name',
      'name is required',
    ],
    [
      'the service is named',
      doc => {
        delete doc.metadata.labels['app.kubernetes.io/name'];
      },
      'metadata.annotations["sre-catalog.io/service"]',
      'Pyrra SLOs must name their service: add the annotation sre-catalog.io/service',
    ],
    [
      'spec.target is required',
      doc => {
        delete doc.spec.target;
      },
      'spec.target',
      'target is required',
    ],
    [
      'spec.target is a percentage',
      doc => {
        doc.spec.target = 'high';
      },
      'spec.target',
      'target "high" is not a percentage such as "99.5"',
    ],
    [
      'spec.target is below 100',
      doc => {
        doc.spec.target = '100';
      },
      'spec.target',
      'target "100" is outside (0, 100); it is a percentage such as "99.5"',
    ],
    [
      'spec.window is required',
      doc => {
        delete doc.spec.window;
      },
      'spec.window',
      'window is required',
    ],
    [
      'spec.window is a duration',
      doc => {
        doc.spec.window = 'four weeks';
      },
      'spec.window',
      'window "four weeks" is not a duration such as 28d or 4w',
    ],
    [
      'spec.window is at most the 400 days hourly rollups are kept',
      doc => {
        doc.spec.window = '2y';
      },
      'spec.window',
      'window "2y" is longer than the 400 days hourly rollups are kept for; use at most 400d',
    ],
    [
      'spec.indicator is required',
      doc => {
        delete doc.spec.indicator;
      },
      'spec.indicator',
      'indicator is required',
    ],
    [
      'an indicator has a ratio',
      doc => {
        doc.spec.indicator = {};
      },
      'spec.indicator',
      'indicator needs ratio with errors.metric and total.metric',
    ],
    [
      'latency indicators are not supported yet',
      doc => {
        doc.spec.indicator = {
          latency: {
            success: {
              metric:
                'http_request_duration_seconds_bucket{job="payments-api",le="0.5"}',
            },
            total: {
              metric: 'http_request_duration_seconds_count{job="payments-api"}',
            },
          },
        };
      },
      'spec.indicator.latency',
      'latency indicators are not supported yet; use ratio',
    ],
    [
      'native latency indicators are not supported yet',
      doc => {
        doc.spec.indicator = {
          latencyNative: {
            latency: '0.5',
            total: { metric: 'http_request_duration_seconds' },
          },
        };
      },
      'spec.indicator.latencyNative',
      'latencyNative indicators are not supported yet; use ratio',
    ],
    [
      'bool_gauge indicators are not supported yet',
      doc => {
        doc.spec.indicator = {
          bool_gauge: { metric: 'probe_success{job="payments-api"}' },
        };
      },
      'spec.indicator.bool_gauge',
      'bool_gauge indicators are not supported yet; use ratio',
    ],
    [
      'a ratio has an errors metric',
      doc => {
        delete doc.spec.indicator.ratio.errors;
      },
      'spec.indicator.ratio.errors',
      'errors is required',
    ],
    [
      'a ratio has a total metric',
      doc => {
        doc.spec.indicator.ratio.total = {};
      },
      'spec.indicator.ratio.total.metric',
      'metric is required',
    ],
    [
      'ratio metrics are counter selectors, not expressions',
      doc => {
        doc.spec.indicator.ratio.total.metric =
          'sum(rate(http_requests_total[5m]))';
      },
      'spec.indicator.ratio.total.metric',
      'metric "sum(rate(http_requests_total[5m]))" is not a selector of a counter such as http_requests_total{job="api",code=~"5.."}',
    ],
    [
      'grouping is not supported yet',
      doc => {
        doc.spec.indicator.ratio.grouping = ['handler'];
      },
      'spec.indicator.ratio.grouping',
      'grouping is not supported yet: it makes one SLO per group; write one SLO per group with its own selectors',
    ],
  ])('rule: %s', (_rule, change, path, message) => {
    it(`reports ${path}`, () => {
      const doc = apiServerErrors();
      change(doc);
      const { entities, problems } = convertPyrra(doc);
      expect(entities).toEqual([]);
      expect(problems).toContainEqual({ path, message });
    });
  });
});
