import { badOverTotalIndicator } from '../__testUtils__/convertedSloFixtures';
import { SloDefinition } from '../definition';
import { convertSloth } from './convertSloth';
import { validateOpenSloSlo } from './validateOpenSlo';

/** Two SLOs of one service, as Sloth's README writes them. */
function checkoutSloth(): any {
  return {
    version: 'prometheus/v1',
    service: 'checkout',
    labels: { owner: 'team-checkout', tier: '1' },
    slos: [
      {
        name: 'requests-availability',
        objective: 99.9,
        description: 'Checkout requests that do not fail',
        sli: {
          events: {
            error_query:
              'sum(rate(http_request_duration_seconds_count{job="checkout",code=~"(5..|429)"}[{{.window}}]))',
            total_query:
              'sum(rate(http_request_duration_seconds_count{job="checkout"}[{{.window}}]))',
          },
        },
        alerting: {
          name: 'CheckoutHighErrorRate',
          labels: { category: 'availability' },
          annotations: {
            runbook: 'https://runbooks.example.com/checkout/errors',
          },
          page_alert: { labels: { severity: 'pageteam' } },
          ticket_alert: { labels: { severity: 'slack' } },
        },
      },
      {
        name: 'requests-latency',
        objective: 99,
        sli: {
          events: {
            error_query:
              'sum(rate(http_request_duration_seconds_count{job="checkout"}[{{ .window }}])) - sum(rate(http_request_duration_seconds_bucket{job="checkout",le="0.25"}[{{ .window }}]))',
            total_query:
              'sum(rate(http_request_duration_seconds_count{job="checkout"}[{{ .window }}]))',
          },
        },
        alerting: {
          page_alert: {
            annotations: {
              runbook_url: 'https://runbooks.example.com/checkout/latency',
            },
          },
          ticket_alert: { disable: true },
        },
      },
    ],
  };
}

describe('convertSloth', () => {
  it('makes one OpenSLO SLO entity per Sloth SLO', () => {
    const { entities, problems } = convertSloth(checkoutSloth(), {
      namespace: 'shop',
    });
    expect(problems).toEqual([]);
    expect(entities).toHaveLength(2);
    expect(entities[0]).toEqual({
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: {
        name: 'checkout-requests-availability',
        namespace: 'shop',
        description: 'Checkout requests that do not fail',
        labels: { owner: 'team-checkout', tier: '1' },
        annotations: {
          'sre-catalog.io/slo-format': 'sloth',
          'sre-catalog.io/runbook-url':
            'https://runbooks.example.com/checkout/errors',
        },
      },
      spec: {
        description: 'Checkout requests that do not fail',
        service: 'checkout',
        indicator: badOverTotalIndicator(
          'requests-availability',
          'sum(rate(http_request_duration_seconds_count{job="checkout",code=~"(5..|429)"}[{{.window}}]))',
          'sum(rate(http_request_duration_seconds_count{job="checkout"}[{{.window}}]))',
        ),
        timeWindow: [{ duration: '30d', isRolling: true }],
        budgetingMethod: 'Occurrences',
        objectives: [{ targetPercent: 99.9 }],
      },
    });
  });

  it('gives entities that validate into the expected definitions', () => {
    const { entities } = convertSloth(checkoutSloth());
    const definitions = entities.map(entity => validateOpenSloSlo(entity));
    expect(definitions.map(d => d.problems)).toEqual([[], []]);
    expect(definitions[0].definition).toEqual({
      ref: 'slo:default/checkout-requests-availability',
      name: 'checkout-requests-availability',
      namespace: 'default',
      description: 'Checkout requests that do not fail',
      service: 'component:default/checkout',
      format: 'sloth',
      target: 0.999,
      budgetingMethod: 'Occurrences',
      timeWindow: { kind: 'rolling', durationMs: 30 * 86_400_000, text: '30d' },
      indicator: {
        name: 'requests-availability',
        source: {
          type: 'prometheus',
          counter: true,
          bad: {
            query:
              'sum(rate(http_request_duration_seconds_count{job="checkout",code=~"(5..|429)"}[{{.window}}]))',
          },
          total: {
            query:
              'sum(rate(http_request_duration_seconds_count{job="checkout"}[{{.window}}]))',
          },
        },
      },
      alertPolicies: [],
      runbookUrls: ['https://runbooks.example.com/checkout/errors'],
    } satisfies SloDefinition);
    expect(definitions[1].definition).toMatchObject({
      ref: 'slo:default/checkout-requests-latency',
      target: 0.99,
      runbookUrls: ['https://runbooks.example.com/checkout/latency'],
    });
  });

  it("can reproduce Sloth's SLI, the mean of 5-minute ratios", () => {
    const { entities } = convertSloth(checkoutSloth(), {
      budgetingMethod: 'RatioTimeslices',
    });
    expect(validateOpenSloSlo(entities[0]).definition).toMatchObject({
      budgetingMethod: 'RatioTimeslices',
      timeSliceWindowMs: 5 * 60_000,
    });
  });

  it('still converts the valid SLOs of a document when one is invalid', () => {
    const doc = checkoutSloth();
    doc.slos[1].objective = 100;
    const { entities, problems } = convertSloth(doc);
    expect(entities.map(e => e.metadata.name)).toEqual([
      'checkout-requests-availability',
    ]);
    expect(problems).toEqual([
      {
        path: 'slos[1].objective',
        message:
          'objective 100 is outside (0, 100); it is a percentage such as 99.9',
      },
    ]);
  });

  it('sanitises names into valid entity names', () => {
    const doc = checkoutSloth();
    doc.service = 'Checkout API';
    doc.slos = [doc.slos[0]];
    doc.slos[0].name = 'requests availability (5xx)';
    expect(convertSloth(doc).entities[0].metadata.name).toBe(
      'Checkout-API-requests-availability-5xx',
    );
  });

  it('rejects what is not a mapping', () => {
    expect(convertSloth(null)).toEqual({
      entities: [],
      problems: [
        {
          path: '',
          message:
            'a Sloth document must be a mapping with version, service and slos, not null',
        },
      ],
    });
  });

  describe.each<[string, (doc: any) => void, string, string]>([
    [
      'version is prometheus/v1',
      doc => {
        doc.version = 'sloth.slok.dev/v1';
      },
      'version',
      'version "sloth.slok.dev/v1" is not prometheus/v1',
    ],
    [
      'service is required',
      doc => {
        delete doc.service;
      },
      'service',
      'service is required',
    ],
    [
      'slos is required',
      doc => {
        delete doc.slos;
      },
      'slos',
      'slos is required',
    ],
    [
      'slos is not empty',
      doc => {
        doc.slos = [];
      },
      'slos',
      'slos must list at least one SLO',
    ],
    [
      'an SLO is a mapping',
      doc => {
        doc.slos[0] = 'requests-availability';
      },
      'slos[0]',
      'an SLO must be a mapping with name, objective and sli, not "requests-availability"',
    ],
    [
      'an SLO has a name',
      doc => {
        delete doc.slos[0].name;
      },
      'slos[0].name',
      'name is required',
    ],
    [
      'SLO names give distinct entity names',
      doc => {
        doc.slos[1].name = 'requests availability';
      },
      'slos[1].name',
      'name "requests availability" gives the entity name checkout-requests-availability, which slos[0] already has',
    ],
    [
      'an SLO has an objective',
      doc => {
        delete doc.slos[0].objective;
      },
      'slos[0].objective',
      'objective is required',
    ],
    [
      'objective is a percentage above 0',
      doc => {
        doc.slos[0].objective = 0;
      },
      'slos[0].objective',
      'objective 0 is outside (0, 100); it is a percentage such as 99.9',
    ],
    [
      'an SLO has an sli',
      doc => {
        delete doc.slos[0].sli;
      },
      'slos[0].sli',
      'sli is required',
    ],
    [
      'raw error ratio SLIs are not supported yet',
      doc => {
        doc.slos[0].sli = {
          raw: { error_ratio_query: 'job:error_ratio:rate{{.window}}' },
        };
      },
      'slos[0].sli.raw',
      'raw error ratio SLIs are not supported yet; use events',
    ],
    [
      'SLI plugins are not supported yet',
      doc => {
        doc.slos[0].sli = {
          plugin: { id: 'sloth-common/kubernetes/apiserver/availability' },
        };
      },
      'slos[0].sli.plugin',
      'SLI plugins are not supported yet; use events',
    ],
    [
      'an sli has events',
      doc => {
        doc.slos[0].sli = {};
      },
      'slos[0].sli',
      'sli needs events with error_query and total_query',
    ],
    [
      'events have an error_query',
      doc => {
        delete doc.slos[0].sli.events.error_query;
      },
      'slos[0].sli.events.error_query',
      'error_query is required',
    ],
    [
      'events have a total_query',
      doc => {
        doc.slos[0].sli.events.total_query = '';
      },
      'slos[0].sli.events.total_query',
      'total_query must not be empty',
    ],
    [
      'queries use the {{.window}} placeholder',
      doc => {
        doc.slos[0].sli.events.total_query =
          'sum(rate(http_requests_total[5m]))';
      },
      'slos[0].sli.events.total_query',
      'total_query must use the {{.window}} placeholder as its range, e.g. rate(http_requests_total[{{.window}}])',
    ],
    [
      'alerts can only be disabled with true or false',
      doc => {
        doc.slos[0].alerting.page_alert.disable = 'yes';
      },
      'slos[0].alerting.page_alert.disable',
      'disable must be true or false, not a string ("yes")',
    ],
    [
      'alert annotations are strings',
      doc => {
        doc.slos[0].alerting.annotations.runbook = ['https://a', 'https://b'];
      },
      'slos[0].alerting.annotations.runbook',
      'runbook must be a string, not a list (["https://a","https://b"])',
    ],
  ])('rule: %s', (_rule, change, path, message) => {
    it(`reports ${path}`, () => {
      const doc = checkoutSloth();
      change(doc);
      const { entities, problems } = convertSloth(doc);
      expect(problems).toContainEqual({ path, message });
      expect(entities.length).toBeLessThan(2);
    });
  });
});
