import { readIndicator, ReadIndicatorOptions } from './readIndicator';
import { SpecReader } from './SpecReader';

function prometheus(query: string, metricSourceRef?: string) {
  return {
    metricSource: {
      type: 'Prometheus',
      ...(metricSourceRef ? { metricSourceRef } : {}),
      spec: { query },
    },
  };
}

/** A stand-alone SLI document of errors over all requests. */
function apiErrors(): any {
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLI',
    metadata: { name: 'api-errors', displayName: 'API errors' },
    spec: {
      description: 'Requests answered with a 5xx',
      ratioMetric: {
        counter: true,
        bad: prometheus('http_requests_total{job="api",code=~"5.."}'),
        total: prometheus('http_requests_total{job="api"}'),
      },
    },
  };
}

function read(sli: unknown, options: Partial<ReadIndicatorOptions> = {}) {
  const reader = new SpecReader();
  const indicator = readIndicator(reader, sli, 'sli', {
    document: true,
    ...options,
  });
  return { indicator, problems: reader.problems };
}

describe('readIndicator', () => {
  it('reads a bad/total Prometheus ratio of counters', () => {
    expect(read(apiErrors())).toEqual({
      indicator: {
        name: 'api-errors',
        source: {
          type: 'prometheus',
          counter: true,
          bad: { query: 'http_requests_total{job="api",code=~"5.."}' },
          total: { query: 'http_requests_total{job="api"}' },
        },
      },
      problems: [],
    });
  });

  it('accepts the Prometheus type in any case and gauges', () => {
    const sli = apiErrors();
    sli.spec.ratioMetric.counter = false;
    sli.spec.ratioMetric.bad.metricSource.type = 'prometheus';
    sli.spec.ratioMetric.total.metricSource.type = 'PROMETHEUS';
    expect(read(sli).indicator?.source).toMatchObject({
      type: 'prometheus',
      counter: false,
    });
  });

  it('takes the type from the DataSource that metricSourceRef names', () => {
    const sli = apiErrors();
    sli.spec.ratioMetric.bad = prometheus('errors_total', 'thanos');
    sli.spec.ratioMetric.total = prometheus('requests_total', 'thanos');
    delete sli.spec.ratioMetric.bad.metricSource.type;
    delete sli.spec.ratioMetric.total.metricSource.type;
    const dataSources = {
      thanos: {
        apiVersion: 'openslo/v1',
        kind: 'DataSource',
        metadata: { name: 'thanos' },
        spec: { type: 'Prometheus', connectionDetails: {} },
      },
    };
    expect(read(sli, { dataSources }).indicator?.source).toEqual({
      type: 'prometheus',
      sourceName: 'thanos',
      counter: true,
      bad: { query: 'errors_total' },
      total: { query: 'requests_total' },
    });
  });

  it('reads a builtin ratio, whose counter flag does not matter', () => {
    const sli = apiErrors();
    delete sli.spec.ratioMetric.counter;
    sli.spec.ratioMetric.bad = { metricSource: { type: 'builtin' } };
    sli.spec.ratioMetric.total = { metricSource: { type: 'BuiltIn' } };
    expect(read(sli).indicator).toEqual({
      name: 'api-errors',
      source: { type: 'builtin' },
    });
  });

  it('reads an inline indicator without apiVersion and kind', () => {
    const { apiVersion, kind, ...inline } = apiErrors();
    expect(apiVersion && kind).toBeTruthy();
    expect(read(inline, { document: false }).problems).toEqual([]);
    expect(read(inline).problems.map(p => p.path)).toEqual([
      'sli.apiVersion',
      'sli.kind',
    ]);
  });

  describe.each<[string, (sli: any) => void, string, string]>([
    [
      'an SLI document is openslo/v1',
      sli => {
        sli.apiVersion = 'openslo/v1alpha';
      },
      'sli.apiVersion',
      'apiVersion "openslo/v1alpha" is not openslo/v1',
    ],
    [
      'an SLI document is of kind SLI',
      sli => {
        sli.kind = 'SLO';
      },
      'sli.kind',
      'kind "SLO" is not SLI',
    ],
    [
      'an SLI has a name',
      sli => {
        delete sli.metadata.name;
      },
      'sli.metadata.name',
      'name is required',
    ],
    [
      'an SLI has a spec',
      sli => {
        delete sli.spec;
      },
      'sli.spec',
      'spec is required',
    ],
    [
      'thresholdMetric is not supported yet',
      sli => {
        sli.spec = {
          thresholdMetric: { metricSource: prometheus('latency').metricSource },
        };
      },
      'sli.spec.thresholdMetric',
      'thresholdMetric SLIs are not supported yet; use ratioMetric',
    ],
    [
      'ratioMetric is required',
      sli => {
        delete sli.spec.ratioMetric;
      },
      'sli.spec.ratioMetric',
      'ratioMetric is required',
    ],
    [
      'raw ratios are not supported yet',
      sli => {
        sli.spec.ratioMetric = {
          rawType: 'failure',
          raw: prometheus('job:error_ratio'),
        };
      },
      'sli.spec.ratioMetric.raw',
      'raw ratio metrics are not supported yet; use good or bad with total',
    ],
    [
      'total is required',
      sli => {
        delete sli.spec.ratioMetric.total;
      },
      'sli.spec.ratioMetric.total',
      'total is required',
    ],
    [
      'good and bad are not both given',
      sli => {
        sli.spec.ratioMetric.good = prometheus('ok_total');
      },
      'sli.spec.ratioMetric',
      'give good or bad with total, not both',
    ],
    [
      'good or bad is given',
      sli => {
        delete sli.spec.ratioMetric.bad;
      },
      'sli.spec.ratioMetric',
      'good or bad is required, with total',
    ],
    [
      'each side has a metricSource',
      sli => {
        sli.spec.ratioMetric.bad = { query: 'errors_total' };
      },
      'sli.spec.ratioMetric.bad.metricSource',
      'metricSource is required',
    ],
    [
      'the metric source type is supported',
      sli => {
        sli.spec.ratioMetric.total.metricSource.type = 'Datadog';
      },
      'sli.spec.ratioMetric.total.metricSource.type',
      'metric source type "Datadog" is not supported; supported types are builtin, Prometheus',
    ],
    [
      'the metric source type is given',
      sli => {
        delete sli.spec.ratioMetric.total.metricSource.type;
      },
      'sli.spec.ratioMetric.total.metricSource.type',
      'type is required (one of builtin, Prometheus), unless metricSourceRef names a DataSource that has one',
    ],
    [
      'the type agrees with the referenced DataSource',
      sli => {
        sli.spec.ratioMetric.total.metricSource.metricSourceRef = 'cloudwatch';
      },
      'sli.spec.ratioMetric.total.metricSource.type',
      'type "Prometheus" differs from the type "CloudWatch" of DataSource "cloudwatch"',
    ],
    [
      'all sides use the same type',
      sli => {
        sli.spec.ratioMetric.total = { metricSource: { type: 'builtin' } };
      },
      'sli.spec.ratioMetric',
      'good, bad and total must use the same metric source type; got Prometheus (bad) and builtin (total)',
    ],
    [
      'all sides use the same source',
      sli => {
        sli.spec.ratioMetric.total.metricSource.metricSourceRef = 'thanos';
      },
      'sli.spec.ratioMetric',
      'metricSourceRef must be the same on every side; got null (bad) and "thanos" (total)',
    ],
    [
      'a Prometheus side has a query',
      sli => {
        delete sli.spec.ratioMetric.bad.metricSource.spec.query;
      },
      'sli.spec.ratioMetric.bad.metricSource.spec.query',
      'query is required',
    ],
    [
      'a Prometheus query is not empty',
      sli => {
        sli.spec.ratioMetric.bad.metricSource.spec.query = '  ';
      },
      'sli.spec.ratioMetric.bad.metricSource.spec.query',
      'query must not be empty',
    ],
    [
      'a Prometheus query is a string',
      sli => {
        sli.spec.ratioMetric.bad.metricSource.spec.query = 42;
      },
      'sli.spec.ratioMetric.bad.metricSource.spec.query',
      'query must be a string, not a number (42)',
    ],
    [
      'a Prometheus query is at most 10,000 characters',
      sli => {
        sli.spec.ratioMetric.bad.metricSource.spec.query = `up{job="${'a'.repeat(
          10_000,
        )}"}`;
      },
      'sli.spec.ratioMetric.bad.metricSource.spec.query',
      'query is 10010 characters long; at most 10000 are allowed',
    ],
    [
      'a Prometheus ratio says whether it reads counters',
      sli => {
        delete sli.spec.ratioMetric.counter;
      },
      'sli.spec.ratioMetric.counter',
      'counter is required: true when the queries return monotonically increasing counters, false when they return gauges',
    ],
    [
      'counter is a boolean',
      sli => {
        sli.spec.ratioMetric.counter = 'true';
      },
      'sli.spec.ratioMetric.counter',
      'counter must be true or false, not a string ("true")',
    ],
  ])('rule: %s', (_rule, change, path, message) => {
    it(`reports ${path}`, () => {
      const sli = apiErrors();
      change(sli);
      const result = read(sli, {
        dataSources: {
          cloudwatch: { kind: 'DataSource', spec: { type: 'CloudWatch' } },
        },
      });
      expect(result.indicator).toBeUndefined();
      expect(result.problems).toContainEqual({ path, message });
    });
  });

  it('rejects an SLI that is not a mapping', () => {
    expect(read(['ratioMetric']).problems).toEqual([
      {
        path: 'sli',
        message:
          'an SLI must be a mapping with metadata.name and spec, not ["ratioMetric"]',
      },
    ]);
  });
});
