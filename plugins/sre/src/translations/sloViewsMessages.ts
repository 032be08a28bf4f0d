/** The texts of the SLO cards, the SLOs tab and the SLO review (`slos.*` of the plugin's translation ref). */
export const sloViewsMessages = {
  card: {
    title: 'SLOs',
    allDetails: 'All SLO details',
    noSlos: 'No SLOs yet.',
    howToAdd: 'How to add one',
    invalidNote_one: '({{count}} invalid SLO document)',
    invalidNote_other: '({{count}} invalid SLO documents)',
    invalid_one: '{{count}} SLO document is invalid.',
    invalid_other: '{{count}} SLO documents are invalid.',
    seeWhy: 'See why',
    listAriaLabel: 'SLOs',
  },
  groupCard: {
    title: "SLOs of the team's services",
    subheader:
      'Services it owns or supports as SREs, least error budget left first',
    openInReview: 'Open in the SLO review',
    noSlosTitle: 'No SLOs',
    noSlosDescription:
      'None of the services this team owns or supports as SREs has an SLO yet. The SLOs tab of each service explains how to add one.',
    showing: 'Showing the {{shown}} with the least budget left of {{total}}.',
    tableAriaLabel: "SLOs of the team's services",
    slo: 'SLO',
    service: 'Service',
    alert: 'Alert',
    sli: 'SLI',
    errorBudget: 'Error budget',
  },
  content: {
    showing:
      'Showing the {{shown}} SLOs with the least budget left of {{total}}. The SLO review on the SRE page lists them all.',
  },
  invalidDocuments: {
    title_one: '{{count}} SLO document of this service is invalid',
    title_other: '{{count}} SLO documents of this service are invalid',
    message:
      'They are not evaluated until fixed. Correct these fields in the documents; the catalog picks the change up on its next refresh.',
    location: 'Location: {{location}}',
    locationUnknown: 'Location unknown',
  },
  sloCard: {
    sliNow: 'SLI now',
    target: 'target {{target}}',
    budgetLeft: 'Error budget left',
    atThisPace: 'At this pace',
    burnRatesTitle:
      'Burn rates (multiples of the rate that spends exactly the budget)',
    service: 'Service:',
    data: 'Data: {{source}}',
    budgeting: 'Budgeting: {{method}}',
    evaluated: 'Evaluated {{date}}',
  },
  burndown: {
    title: 'Error budget, last {{days}} days',
    summary:
      'Error budget remaining per day: {{first}} on {{firstDay}}, {{last}} on {{lastDay}}',
    summaryNoData:
      'Error budget remaining per day: no data in the last {{days}} days',
    tooltip: 'Error budget',
    exhausted: 'exhausted',
    area: 'Error budget remaining',
    loadError: 'Could not load the history: {{error}}',
    noHistory: 'No history yet: the first point appears after a day of data.',
  },
  burnRates: {
    listAriaLabel: 'Burn rates',
    window: '{{window}} burn rate {{rate}}',
    windowFiring:
      '{{window}} burn rate {{rate}}, in a firing {{severity}} rule',
    rulesAriaLabel: 'Burn-rate alert rules',
    alert: 'Alert',
    threshold: 'Fires when both windows burn faster than',
    longWindow: 'Long window',
    shortWindow: 'Short window',
    budgetSpent: 'Budget spent when it fires',
    state: 'State',
    firing: 'Firing',
    notFiring: 'Not firing',
  },
  help: {
    titleSystem: 'No component of this System has an SLO yet',
    titleService: 'This service has no SLO yet',
    introSystem:
      'An SLO says how reliable a service must be, and its error budget how much unreliability is acceptable. Write one in OpenSLO v1 (Sloth and Pyrra files work too), with',
    introService:
      'An SLO says how reliable {{service}} must be, and its error budget how much unreliability is acceptable. Write one in OpenSLO v1 (Sloth and Pyrra files work too), with',
    namingSystem:
      'naming the Component (one of this System), then register the file in the catalog.',
    namingService:
      'naming the Component, then register the file in the catalog.',
    stepSlo: '1. The SLO, e.g. slos.yaml',
    stepLocation:
      '2. Register it as a catalog location that allows the SLO kinds',
    stepPush: '3. Push events to',
    stepPushEnd:
      'from your service or exporter; the status appears within a minute.',
  },
  review: {
    title: 'SLO review',
    description:
      'Every SLO of the organisation, least error budget left first: the list to go through together in the SLO review meeting.',
    team: 'Team',
    allTeams: 'All teams',
    system: 'System',
    allSystems: 'All systems',
    alert: 'Alert',
    anyAlert: 'Any alert state',
    optionsError:
      'Could not load the teams and Systems from the catalog: {{error}}',
    noMatchTitle: 'No SLOs match these filters',
    noMatchDescription:
      'Choose another team, System or alert state, or show all.',
    noSlosTitle: 'No SLOs yet',
    noSlosDescription:
      'Nobody has defined an SLO. The SLOs tab of each service explains how to add one in OpenSLO.',
    perPage: 'SLOs per page',
  },
  reviewTable: {
    ariaLabel: 'SLOs',
    slo: 'SLO',
    service: 'Service',
    alert: 'Alert',
    sli: 'SLI',
    errorBudget: 'Error budget',
    burn: '{{window}} burn',
    data: 'Data',
    target: 'target {{target}}',
    unavailable: 'Unavailable',
    unavailableSince: 'Unavailable since {{date}}',
    evaluationBehind: 'Evaluation behind',
    noDataYet: 'No data yet',
    ok: 'OK',
  },
} as const;
