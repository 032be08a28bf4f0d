/** The texts of SLOs in words and of the SLO chips (`slos.*` of the plugin's translation ref). */
export const slosMessages = {
  period: {
    fixed: {
      s_one: '{{count}} second',
      s_other: '{{count}} seconds',
      m_one: '{{count}} minute',
      m_other: '{{count}} minutes',
      h_one: '{{count}} hour',
      h_other: '{{count}} hours',
      d_one: '{{count}} day',
      d_other: '{{count}} days',
      w_one: '{{count}} week',
      w_other: '{{count}} weeks',
    },
    calendar: {
      M_one: 'each calendar month',
      M_other: 'every {{count}} calendar months',
      Q_one: 'each calendar quarter',
      Q_other: 'every {{count}} calendar quarters',
      y_one: 'each calendar year',
      y_other: 'every {{count}} calendar years',
    },
    over: 'over {{period}}',
  },
  slice: {
    s: '{{length}}-second',
    m: '{{length}}-minute',
    h: '{{length}}-hour',
    d: '{{length}}-day',
    w: '{{length}}-week',
  },
  objective: {
    occurrences: '{{target}} of events are good {{period}}',
    timeslices: '{{target}} of {{slices}} are good {{period}}',
    ratioTimeslices: '{{target}} good on average across {{slices}} {{period}}',
    slicesOf: '{{slice}} slices',
    timeSlices: 'time slices',
  },
  budget: {
    noData: 'No data',
    left: '{{percent}} left',
    overspent: '{{percent}} overspent',
    badEvents: '{{consumed}} of {{allowed}} bad events allowed',
    badMinutes: '{{consumed}} of {{allowed}} bad minutes allowed',
  },
  duration: {
    lessThanAMinute: 'less than a minute',
    minutes_one: '{{count}} minute',
    minutes_other: '{{count}} minutes',
    hours_one: '{{count}} hour',
    hours_other: '{{count}} hours',
    days_one: '{{count}} day',
    days_other: '{{count}} days',
    ago: '{{duration}} ago',
  },
  interval: {
    seconds_one: '{{count, number}} second',
    seconds_other: '{{count, number}} seconds',
    minutes_one: '{{count, number}} minute',
    minutes_other: '{{count, number}} minutes',
    hours_one: '{{count, number}} hour',
    hours_other: '{{count, number}} hours',
  },
  count: {
    pushes_one: '{{count, number}} push',
    pushes_other: '{{count, number}} pushes',
    slos_one: '{{count, number}} SLO',
    slos_other: '{{count, number}} SLOs',
    buckets_one: '{{count, number}} bucket',
    buckets_other: '{{count, number}} buckets',
  },
  exhaustion: {
    spent: 'The error budget is spent.',
    goneIn: 'Budget gone in ~{{duration}} at the 1h burn rate',
    noRecentEvents: 'No events in the last hour to project the budget from.',
    notBurning: 'Not burning budget at the 1h burn rate.',
  },
  alert: {
    page: 'Page',
    ticket: 'Ticket',
    none: 'OK',
  },
  alertDescription: {
    page: 'A page rule fires: the budget burns fast enough to need someone now.',
    ticket:
      'A ticket rule fires: the budget burns too fast to last the period; look at it during working hours.',
    none: 'No burn-rate rule fires.',
  },
  source: {
    builtin: 'built-in store',
    prometheus: 'Prometheus',
    namedPrometheus: 'Prometheus ({{name}})',
  },
  noData: {
    builtin:
      'No SLI data has arrived yet. Push events to POST {{path}} or check the exporter.',
    prometheus:
      'No SLI data has arrived yet. Check that the queries of this SLO return data in {{source}}.',
  },
  unavailable: {
    plain:
      'The data source has been unavailable. Showing the last known status.',
    since:
      'The data source has been unavailable since {{date}}. Showing the last known status.',
    withError:
      'The data source has been unavailable: {{error}}. Showing the last known status.',
    sinceWithError:
      'The data source has been unavailable since {{date}}: {{error}}. Showing the last known status.',
  },
  stale:
    'Last evaluated {{ago}}; evaluation is behind, so the numbers and alert state shown are the last ones computed.',
  refused_one:
    '{{count}} push of SLI data was refused: {{error}} (last on {{date}}).',
  refused_other:
    '{{count}} pushes of SLI data were refused: {{error}} (last on {{date}}).',
  alertChip: {
    behind: 'Last evaluated {{ago}}; evaluation is behind.',
    stale: 'Stale',
    staleNotFiring: '{{behind}} When last evaluated no burn-rate rule fired.',
    staleAlert: '{{alert}} (stale)',
    staleAlertTooltip: '{{behind}} {{description}}',
    noData: 'No data',
    noDataTooltip: 'No SLI data yet: nothing to alert on.',
    unknown: 'Unknown',
    unknownTooltip:
      'The data source is unavailable and there is no earlier status.',
    lastKnownTooltip:
      'Last known state; the data source is unavailable. {{description}}',
    ariaLabel: 'Alert: {{label}}',
  },
  faultNotes: {
    staleAlert: '{{note}} The SLO evaluation panel of the SLO review says why.',
    refusedAlert:
      '{{note}} Their data is not counted; retry or discard them under SLO evaluation on the SLO review.',
  },
  budgetBar: {
    ariaLabel: 'Error budget: {{words}}',
  },
} as const;
