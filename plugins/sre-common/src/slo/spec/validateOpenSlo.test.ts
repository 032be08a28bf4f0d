import { SloDefinition } from '../definition';
import { validateOpenSloSlo } from './validateOpenSlo';

const DAY_MS = 86_400_000;

/** A rule of the tables below: its name, how it breaks a valid SLO, the problem. */
type Rule = [string, (doc: any) => void, string, string];

/** Request-based availability, inline Prometheus SLI, rolling 28 days. */
function checkoutAvailability(): any {
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: {
      name: 'checkout-availability',
      displayName: 'Checkout availability',
    },
    spec: {
      description: '99.9% of checkout requests succeed',
      service: 'checkout',
      indicator: {
        metadata: { name: 'checkout-success' },
        spec: {
          ratioMetric: {
            counter: true,
            good: {
              metricSource: {
                type: 'Prometheus',
                metricSourceRef: 'prometheus-main',
                spec: {
                  query: 'http_requests_total{job="checkout",code!~"5.."}',
                },
              },
            },
            total: {
              metricSource: {
                type: 'Prometheus',
                metricSourceRef: 'prometheus-main',
                spec: { query: 'http_requests_total{job="checkout"}' },
              },
            },
          },
        },
      },
      timeWindow: [{ duration: '28d', isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives: [{ displayName: 'Available', target: 0.999 }],
      alertPolicies: ['checkout-burn-rate'],
    },
  };
}

/** Window-based SLO on a calendar month, SLI and alert policy referenced by name. */
function searchLatency(): any {
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: {
      name: 'search-latency',
      namespace: 'search',
      annotations: { 'sre-catalog.io/no-data-slices': 'skip' },
    },
    spec: {
      service: 'component:search/Search-API',
      indicatorRef: 'search-fast-responses',
      timeWindow: [
        {
          duration: '1M',
          calendar: {
            startTime: '2022-01-01 00:00:00',
            timeZone: 'Europe/Berlin',
          },
        },
      ],
      budgetingMethod: 'Timeslices',
      objectives: [
        { targetPercent: 99.5, timeSliceTarget: 0.95, timeSliceWindow: '1m' },
      ],
      alertPolicies: [{ alertPolicyRef: 'search-page' }],
    },
  };
}

const searchContext = {
  slis: {
    'search-fast-responses': {
      apiVersion: 'openslo/v1',
      kind: 'SLI',
      metadata: { name: 'search-fast-responses' },
      spec: {
        ratioMetric: {
          counter: true,
          good: { metricSource: { type: 'builtin', spec: {} } },
          total: { metricSource: { type: 'Builtin', spec: {} } },
        },
      },
    },
  },
  alertPolicies: {
    'search-page': {
      apiVersion: 'openslo/v1',
      kind: 'AlertPolicy',
      metadata: {
        name: 'search-page',
        annotations: { runbook_url: 'https://runbooks.example.com/search' },
      },
      spec: {
        alertWhenBreaching: true,
        conditions: [{ conditionRef: 'search-fast-burn' }],
        notificationTargets: [{ targetRef: 'search-on-call' }],
      },
    },
  },
};

describe('validateOpenSloSlo', () => {
  it('turns a request-based SLO with an inline Prometheus SLI into a definition', () => {
    expect(validateOpenSloSlo(checkoutAvailability())).toEqual({
      definition: {
        ref: 'slo:default/checkout-availability',
        name: 'checkout-availability',
        namespace: 'default',
        displayName: 'Checkout availability',
        description: '99.9% of checkout requests succeed',
        service: 'component:default/checkout',
        format: 'openslo',
        target: 0.999,
        budgetingMethod: 'Occurrences',
        timeWindow: { kind: 'rolling', durationMs: 28 * DAY_MS, text: '28d' },
        indicator: {
          name: 'checkout-success',
          source: {
            type: 'prometheus',
            sourceName: 'prometheus-main',
            counter: true,
            good: { query: 'http_requests_total{job="checkout",code!~"5.."}' },
            total: { query: 'http_requests_total{job="checkout"}' },
          },
        },
        alertPolicies: ['checkout-burn-rate'],
        runbookUrls: [],
      } satisfies SloDefinition,
      problems: [],
    });
  });

  it('turns a calendar Timeslices SLO with referenced SLI and alert policy into a definition', () => {
    expect(validateOpenSloSlo(searchLatency(), searchContext)).toEqual({
      definition: {
        ref: 'slo:search/search-latency',
        name: 'search-latency',
        namespace: 'search',
        service: 'component:search/search-api',
        format: 'openslo',
        target: 0.995,
        budgetingMethod: 'Timeslices',
        timeWindow: {
          kind: 'calendar',
          unit: 'M',
          count: 1,
          startTime: '2022-01-01T00:00:00',
          timeZone: 'Europe/Berlin',
          text: '1M',
        },
        timeSliceTarget: 0.95,
        timeSliceWindowMs: 60_000,
        noDataSlicePolicy: 'skip',
        indicator: {
          name: 'search-fast-responses',
          source: { type: 'builtin' },
        },
        alertPolicies: ['search-page'],
        runbookUrls: ['https://runbooks.example.com/search'],
      } satisfies SloDefinition,
      problems: [],
    });
  });

  it('takes the namespace from the context when the document has none', () => {
    const result = validateOpenSloSlo(checkoutAvailability(), {
      namespace: 'shop',
    });
    expect(result.definition?.ref).toBe('slo:shop/checkout-availability');
    expect(result.definition?.service).toBe('component:shop/checkout');
  });

  it('reads the source format, runbook annotation and RatioTimeslices', () => {
    const doc = checkoutAvailability();
    doc.metadata.annotations = {
      'sre-catalog.io/slo-format': 'sloth',
      'sre-catalog.io/runbook-url':
        'https://runbooks.example.com/a  https://runbooks.example.com/b',
    };
    doc.spec.budgetingMethod = 'RatioTimeslices';
    doc.spec.objectives = [{ targetPercent: 99.9, timeSliceWindow: 5 }];
    const { definition } = validateOpenSloSlo(doc);
    expect(definition).toMatchObject({
      format: 'sloth',
      target: 0.999,
      budgetingMethod: 'RatioTimeslices',
      timeSliceWindowMs: 5 * 60_000,
      runbookUrls: [
        'https://runbooks.example.com/a',
        'https://runbooks.example.com/b',
      ],
    });
    expect(definition?.noDataSlicePolicy).toBeUndefined();
  });

  it('collects runbook URLs from inline alert policies and their conditions', () => {
    const doc = checkoutAvailability();
    doc.spec.alertPolicies = [
      {
        kind: 'AlertPolicy',
        metadata: { name: 'checkout-page' },
        spec: {
          conditions: [
            {
              kind: 'AlertCondition',
              metadata: {
                name: 'fast-burn',
                annotations: { runbookUrl: 'https://runbooks.example.com/c' },
              },
              spec: {
                severity: 'page',
                condition: { kind: 'burnrate', op: 'gt', threshold: 14.4 },
              },
            },
          ],
        },
      },
    ];
    expect(validateOpenSloSlo(doc).definition).toMatchObject({
      alertPolicies: ['checkout-page'],
      runbookUrls: ['https://runbooks.example.com/c'],
    });
  });

  it('accepts the edges of the allowed ranges', () => {
    const doc = searchLatency();
    doc.spec.objectives = [
      { target: 0, timeSliceTarget: 1, timeSliceWindow: '1h' },
    ];
    expect(validateOpenSloSlo(doc, searchContext).definition).toMatchObject({
      target: 0,
      timeSliceTarget: 1,
      timeSliceWindowMs: 3_600_000,
    });
  });

  it('reports every problem of a document, not only the first', () => {
    const doc = checkoutAvailability();
    doc.apiVersion = 'openslo/v1alpha';
    delete doc.spec.service;
    doc.spec.objectives[0].target = 1.2;
    doc.spec.budgetingMethod = 'Weekly';
    const result = validateOpenSloSlo(doc);
    expect(result.definition).toBeUndefined();
    expect(result.problems.map(p => p.path)).toEqual([
      'apiVersion',
      'spec.service',
      'spec.budgetingMethod',
      'spec.objectives[0].target',
    ]);
  });

  it('rejects what is not a mapping', () => {
    expect(validateOpenSloSlo('kind: SLO').problems).toEqual([
      {
        path: '',
        message:
          'an SLO document must be a mapping with apiVersion, kind, metadata and spec, not "kind: SLO"',
      },
    ]);
  });

  describe.each<Rule>([
    // Envelope
    [
      'apiVersion is exactly openslo/v1',
      doc => {
        doc.apiVersion = 'openslo/v1alpha';
      },
      'apiVersion',
      'apiVersion "openslo/v1alpha" is not openslo/v1',
    ],
    [
      'kind is SLO',
      doc => {
        doc.kind = 'SLI';
      },
      'kind',
      'kind "SLI" is not SLO',
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
      'metadata.name is a valid entity name',
      doc => {
        doc.metadata.name = 'checkout availability!';
      },
      'metadata.name',
      'name "checkout availability!" is not a valid entity name: 1 to 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit',
    ],
    [
      'metadata.name is at most 63 characters',
      doc => {
        doc.metadata.name = 'a'.repeat(64);
      },
      'metadata.name',
      `name "${'a'.repeat(
        64,
      )}" is not a valid entity name: 1 to 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit`,
    ],
    [
      'metadata.namespace is a valid namespace',
      doc => {
        doc.metadata.namespace = 'Shop';
      },
      'metadata.namespace',
      'namespace "Shop" is not a valid namespace: lower-case letters, digits and "-", at most 63',
    ],
    [
      'the format annotation is openslo, sloth or pyrra',
      doc => {
        doc.metadata.annotations = { 'sre-catalog.io/slo-format': 'nobl9' };
      },
      'metadata.annotations["sre-catalog.io/slo-format"]',
      'sre-catalog.io/slo-format "nobl9" is not one of openslo, sloth, pyrra',
    ],
    [
      'spec.description is at most 1050 characters',
      doc => {
        doc.spec.description = 'x'.repeat(1051);
      },
      'spec.description',
      'description is 1051 characters long; at most 1050 are allowed',
    ],
    // Service
    [
      'spec.service is required',
      doc => {
        delete doc.spec.service;
      },
      'spec.service',
      'service is required',
    ],
    [
      'spec.service refers to a Component',
      doc => {
        doc.spec.service = 'system:default/shop';
      },
      'spec.service',
      'service "system:default/shop" must refer to a Component, not a system',
    ],
    [
      'spec.service is a well-formed entity ref',
      doc => {
        doc.spec.service = 'component:';
      },
      'spec.service',
      'service "component:" is not a Component name or entity ref (Entity reference "component:" was not on the form [<kind>:][<namespace>/]<name>)',
    ],
    [
      'spec.service names a valid entity',
      doc => {
        doc.spec.service = 'check out';
      },
      'spec.service',
      'service "check out" is not a valid Component name or entity ref',
    ],
    // Indicator
    [
      'indicator and indicatorRef are not both given',
      doc => {
        doc.spec.indicatorRef = 'checkout-success';
      },
      'spec',
      'give indicator or indicatorRef, not both',
    ],
    [
      'indicator or indicatorRef is given',
      doc => {
        delete doc.spec.indicator;
      },
      'spec',
      'indicator (an inline SLI) or indicatorRef (the name of an SLI) is required',
    ],
    [
      'indicatorRef names a known SLI',
      doc => {
        delete doc.spec.indicator;
        doc.spec.indicatorRef = 'checkout-latency';
      },
      'spec.indicatorRef',
      'indicatorRef "checkout-latency" names no known SLI; known SLIs: none',
    ],
    [
      'an inline indicator has metadata.name',
      doc => {
        delete doc.spec.indicator.metadata;
      },
      'spec.indicator.metadata',
      'metadata is required',
    ],
    [
      'an inline indicator has a ratioMetric',
      doc => {
        doc.spec.indicator.spec = { thresholdMetric: {} };
      },
      'spec.indicator.spec.thresholdMetric',
      'thresholdMetric SLIs are not supported yet; use ratioMetric',
    ],
    // Time window
    [
      'spec.timeWindow is required',
      doc => {
        delete doc.spec.timeWindow;
      },
      'spec.timeWindow',
      'timeWindow is required',
    ],
    [
      'spec.timeWindow has exactly one item',
      doc => {
        doc.spec.timeWindow.push({ duration: '7d', isRolling: true });
      },
      'spec.timeWindow',
      'timeWindow must have exactly one item, not 2',
    ],
    [
      'spec.timeWindow is not empty',
      doc => {
        doc.spec.timeWindow = [];
      },
      'spec.timeWindow',
      'timeWindow must have exactly one item, not 0',
    ],
    [
      'the duration is an OpenSLO duration',
      doc => {
        doc.spec.timeWindow[0].duration = '28 days';
      },
      'spec.timeWindow[0].duration',
      'duration "28 days" is not a duration such as 28d, 4w or 1M (a number and one of s, m, h, d, w, M, Q, y)',
    ],
    [
      'a rolling window has a fixed length',
      doc => {
        doc.spec.timeWindow[0].duration = '1M';
      },
      'spec.timeWindow[0].duration',
      'duration "1M" has no fixed length, which a rolling window needs; use days or weeks such as 30d, or set isRolling: false with a calendar',
    ],
    [
      'isRolling is given when there is no calendar',
      doc => {
        delete doc.spec.timeWindow[0].isRolling;
      },
      'spec.timeWindow[0].isRolling',
      'isRolling is required',
    ],
    [
      'isRolling is a boolean',
      doc => {
        doc.spec.timeWindow[0].isRolling = 'yes';
      },
      'spec.timeWindow[0].isRolling',
      'isRolling must be true or false, not a string ("yes")',
    ],
    [
      'a rolling window has no calendar',
      doc => {
        doc.spec.timeWindow[0].calendar = {
          startTime: '2022-01-01 00:00:00',
          timeZone: 'UTC',
        };
      },
      'spec.timeWindow[0].calendar',
      'calendar cannot be used with isRolling: true; remove it or set isRolling: false',
    ],
    [
      'a calendar window has a calendar',
      doc => {
        doc.spec.timeWindow[0].isRolling = false;
      },
      'spec.timeWindow[0].calendar',
      'calendar (startTime and timeZone) is required when isRolling is false',
    ],
    [
      'a null calendar is a missing one',
      doc => {
        doc.spec.timeWindow[0] = { duration: '1Q', calendar: null };
      },
      'spec.timeWindow[0].calendar',
      'calendar (startTime and timeZone) is required when isRolling is false',
    ],
  ])('rule: %s', (_rule, change, path, message) => {
    it(`reports ${path}`, () => {
      const doc = checkoutAvailability();
      change(doc);
      const result = validateOpenSloSlo(doc, { slis: {} });
      expect(result.definition).toBeUndefined();
      expect(result.problems).toContainEqual({ path, message });
    });
  });

  describe.each<Rule>([
    // Calendar windows (on the Timeslices calendar SLO)
    [
      'a calendar has a startTime',
      doc => {
        delete doc.spec.timeWindow[0].calendar.startTime;
      },
      'spec.timeWindow[0].calendar.startTime',
      'startTime is required',
    ],
    [
      'startTime is a real date and time',
      doc => {
        doc.spec.timeWindow[0].calendar.startTime = '2022-02-30 00:00:00';
      },
      'spec.timeWindow[0].calendar.startTime',
      'startTime "2022-02-30 00:00:00" is not a date and time such as 2022-01-01 00:00:00 or 2022-01-01T00:00:00Z',
    ],
    [
      'a calendar has a timeZone',
      doc => {
        delete doc.spec.timeWindow[0].calendar.timeZone;
      },
      'spec.timeWindow[0].calendar.timeZone',
      'timeZone is required',
    ],
    [
      'timeZone is an IANA time zone',
      doc => {
        doc.spec.timeWindow[0].calendar.timeZone = 'Mars/Olympus_Mons';
      },
      'spec.timeWindow[0].calendar.timeZone',
      'timeZone "Mars/Olympus_Mons" is not an IANA time zone such as Europe/Berlin or UTC',
    ],
    [
      'a calendar window counts days, weeks, months, quarters or years',
      doc => {
        doc.spec.timeWindow[0].duration = '12h';
      },
      'spec.timeWindow[0].duration',
      'duration "12h" cannot be a calendar window; use days (d), weeks (w), months (M), quarters (Q) or years (y)',
    ],
    // Budgeting method
    [
      'spec.budgetingMethod is required',
      doc => {
        delete doc.spec.budgetingMethod;
      },
      'spec.budgetingMethod',
      'budgetingMethod is required',
    ],
    [
      'spec.budgetingMethod is Occurrences, Timeslices or RatioTimeslices',
      doc => {
        doc.spec.budgetingMethod = 'timeslices';
      },
      'spec.budgetingMethod',
      'budgetingMethod "timeslices" is not one of Occurrences, Timeslices, RatioTimeslices',
    ],
    // Objectives
    [
      'spec.objectives is required',
      doc => {
        delete doc.spec.objectives;
      },
      'spec.objectives',
      'objectives is required',
    ],
    [
      'spec.objectives is not empty',
      doc => {
        doc.spec.objectives = [];
      },
      'spec.objectives',
      'objectives must have one objective',
    ],
    [
      'one objective per SLO',
      doc => {
        doc.spec.objectives.push({
          targetPercent: 99,
          timeSliceTarget: 0.9,
          timeSliceWindow: '1m',
        });
      },
      'spec.objectives',
      'only one objective per SLO is supported; split it',
    ],
    [
      'every objective is checked, not only the first',
      doc => {
        doc.spec.objectives.push({ targetPercent: 120 });
      },
      'spec.objectives[1].targetPercent',
      'targetPercent 120 is outside [0, 100)',
    ],
    [
      'target is in [0, 1)',
      doc => {
        doc.spec.objectives[0] = {
          target: 1.2,
          timeSliceTarget: 0.95,
          timeSliceWindow: '1m',
        };
      },
      'spec.objectives[0].target',
      'target 1.2 is outside [0, 1)',
    ],
    [
      'target 1 is not allowed',
      doc => {
        doc.spec.objectives[0] = {
          target: 1,
          timeSliceTarget: 0.95,
          timeSliceWindow: '1m',
        };
      },
      'spec.objectives[0].target',
      'target 1 is outside [0, 1)',
    ],
    [
      'a percentage given as target says to use targetPercent',
      doc => {
        doc.spec.objectives[0] = {
          target: 99.9,
          timeSliceTarget: 0.95,
          timeSliceWindow: '1m',
        };
      },
      'spec.objectives[0].target',
      'target 99.9 is outside [0, 1); for a percentage use targetPercent: 99.9',
    ],
    [
      'targetPercent is in [0, 100)',
      doc => {
        doc.spec.objectives[0].targetPercent = 100;
      },
      'spec.objectives[0].targetPercent',
      'targetPercent 100 is outside [0, 100)',
    ],
    [
      'targetPercent is a number',
      doc => {
        doc.spec.objectives[0].targetPercent = '99.5';
      },
      'spec.objectives[0].targetPercent',
      'targetPercent must be a number, not a string ("99.5")',
    ],
    [
      'target and targetPercent are not both given',
      doc => {
        doc.spec.objectives[0].target = 0.995;
      },
      'spec.objectives[0]',
      'give target or targetPercent, not both',
    ],
    [
      'target or targetPercent is given',
      doc => {
        delete doc.spec.objectives[0].targetPercent;
      },
      'spec.objectives[0]',
      'target (such as 0.999) or targetPercent (such as 99.9) is required',
    ],
    [
      'Timeslices needs timeSliceTarget',
      doc => {
        delete doc.spec.objectives[0].timeSliceTarget;
      },
      'spec.objectives[0].timeSliceTarget',
      'timeSliceTarget is required for Timeslices: the ratio in (0, 1] a slice must reach to be good',
    ],
    [
      'timeSliceTarget is in (0, 1]',
      doc => {
        doc.spec.objectives[0].timeSliceTarget = 0;
      },
      'spec.objectives[0].timeSliceTarget',
      'timeSliceTarget 0 is outside (0, 1]',
    ],
    [
      'Timeslices needs timeSliceWindow',
      doc => {
        delete doc.spec.objectives[0].timeSliceWindow;
      },
      'spec.objectives[0].timeSliceWindow',
      'timeSliceWindow is required',
    ],
    [
      'timeSliceWindow has a fixed length',
      doc => {
        doc.spec.objectives[0].timeSliceWindow = '1M';
      },
      'spec.objectives[0].timeSliceWindow',
      'timeSliceWindow "1M" is not a fixed duration such as 1m or 5m (or a whole number of minutes)',
    ],
    [
      'timeSliceWindow divides an hour',
      doc => {
        doc.spec.objectives[0].timeSliceWindow = '7m';
      },
      'spec.objectives[0].timeSliceWindow',
      'timeSliceWindow "7m" cannot be counted: slices are counted per hour from buckets of whole minutes, so a slice must be whole minutes that divide an hour: 1m, 2m, 3m, 4m, 5m, 6m, 10m, 12m, 15m, 20m, 30m or 1h',
    ],
    [
      'timeSliceWindow is at most an hour',
      doc => {
        doc.spec.objectives[0].timeSliceWindow = '1d';
      },
      'spec.objectives[0].timeSliceWindow',
      'timeSliceWindow "1d" cannot be counted: slices are counted per hour from buckets of whole minutes, so a slice must be whole minutes that divide an hour: 1m, 2m, 3m, 4m, 5m, 6m, 10m, 12m, 15m, 20m, 30m or 1h',
    ],
    [
      'Timeslices says what a slice without data counts as',
      doc => {
        delete doc.metadata.annotations;
      },
      'metadata.annotations["sre-catalog.io/no-data-slices"]',
      'Timeslices SLOs must say what a slice without data counts as: set sre-catalog.io/no-data-slices to good, bad or skip',
    ],
    [
      'the no-data annotation is good, bad or skip',
      doc => {
        doc.metadata.annotations['sre-catalog.io/no-data-slices'] = 'ignore';
      },
      'metadata.annotations["sre-catalog.io/no-data-slices"]',
      'sre-catalog.io/no-data-slices "ignore" is not one of good, bad, skip',
    ],
    // Referenced documents
    [
      'the referenced SLI is valid too',
      doc => {
        doc.spec.indicatorRef = 'search-broken';
      },
      'slis["search-broken"].spec.ratioMetric.total.metricSource.type',
      'metric source type "Datadog" is not supported; supported types are builtin, Prometheus',
    ],
    [
      'the referenced SLI is the one of that name',
      doc => {
        doc.spec.indicatorRef = 'misfiled';
      },
      'slis.misfiled.metadata.name',
      'the SLI found under "misfiled" is named "search-fast-responses"',
    ],
    [
      'spec.alertPolicies is a list',
      doc => {
        doc.spec.alertPolicies = 'search-page';
      },
      'spec.alertPolicies',
      'alertPolicies must be a list, not a string ("search-page")',
    ],
    [
      'referenced alert policies exist when they are given',
      doc => {
        doc.spec.alertPolicies = ['search-ticket'];
      },
      'spec.alertPolicies[0]',
      'alert policy "search-ticket" is not defined; known policies: search-page',
    ],
  ])('rule: %s', (_rule, change, path, message) => {
    it(`reports ${path}`, () => {
      const doc = searchLatency();
      change(doc);
      const context = {
        ...searchContext,
        slis: {
          ...searchContext.slis,
          misfiled: searchContext.slis['search-fast-responses'],
          'search-broken': {
            apiVersion: 'openslo/v1',
            kind: 'SLI',
            metadata: { name: 'search-broken' },
            spec: {
              ratioMetric: {
                counter: true,
                good: { metricSource: { type: 'Datadog', spec: {} } },
                total: { metricSource: { type: 'Datadog', spec: {} } },
              },
            },
          },
        },
      };
      const result = validateOpenSloSlo(doc, context);
      expect(result.definition).toBeUndefined();
      expect(result.problems).toContainEqual({ path, message });
    });
  });

  it('divides a rolling period into whole slices only', () => {
    const doc = checkoutAvailability();
    doc.spec.timeWindow = [{ duration: '90m', isRolling: true }];
    doc.spec.budgetingMethod = 'RatioTimeslices';
    doc.spec.objectives = [{ target: 0.999, timeSliceWindow: '1h' }];
    expect(validateOpenSloSlo(doc).problems).toEqual([
      {
        path: 'spec.objectives[0].timeSliceWindow',
        message:
          'timeSliceWindow "1h" does not divide the 90m period into whole slices',
      },
    ]);
  });

  it('refuses a period longer than the hourly rollups are kept', () => {
    const doc = checkoutAvailability();
    doc.spec.timeWindow = [{ duration: '401d', isRolling: true }];
    expect(validateOpenSloSlo(doc)).toEqual({
      problems: [
        {
          path: 'spec.timeWindow[0].duration',
          message:
            'duration "401d" is too long: it spans 401 days, but hourly rollups are kept for 400 days; use a period of at most 400 days, such as 1y, 4Q, 13M or 57w',
        },
      ],
    });
  });

  it('requires timeSliceWindow for RatioTimeslices', () => {
    const doc = checkoutAvailability();
    doc.spec.budgetingMethod = 'RatioTimeslices';
    expect(validateOpenSloSlo(doc).problems).toEqual([
      {
        path: 'spec.objectives[0].timeSliceWindow',
        message: 'timeSliceWindow is required',
      },
    ]);
  });
});

describe('validateOpenSloSlo without the referenced documents', () => {
  const doc = checkoutAvailability();
  delete doc.spec.indicator;
  doc.spec.indicatorRef = 'checkout-requests';

  it('accepts a well-formed indicatorRef and returns no definition', () => {
    expect(validateOpenSloSlo(doc)).toEqual({ problems: [] });
  });

  it('still checks that the reference is a name', () => {
    const bad = { ...doc, spec: { ...doc.spec, indicatorRef: 'Not A Name!' } };
    expect(validateOpenSloSlo(bad).problems.map(p => p.path)).toEqual([
      'spec.indicatorRef',
    ]);
  });
});
