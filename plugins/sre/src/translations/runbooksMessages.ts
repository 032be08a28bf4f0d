/** The texts of the Runbooks tab (`runbooks.*` of the plugin's translation ref). */
export const runbooksMessages = {
  source: {
    link: 'Catalog link',
    file: 'Repository file',
    slo: 'SLO alert',
  },
  problemSource: {
    annotation: 'Annotation',
    link: 'Catalog link',
    file: 'Runbook file',
    slo: 'SLO',
  },
  content: {
    title: 'Runbooks',
    someStale: '{{stale}} of {{total}} not reviewed in the last {{days}} days',
    allReviewed: 'All reviewed in the last {{days}} days',
    alertCoverageTitle: 'Alert coverage',
    everyAlertCovered: 'Every alert has a runbook',
    uncoveredAlerts: '{{uncovered}} of {{total}} alerts have no runbook',
    coverHintStart: 'Cover an alert by listing its name under',
    coverHintMiddle:
      'in a runbook’s front matter, or by giving the SLO alert a',
  },
  alertCoverageTable: {
    ariaLabel: 'Alert coverage',
    alert: 'Alert',
    raisedBy: 'Raised by',
    runbooks: 'Runbooks',
    pagesOnCall: 'Pages on-call',
    ticket: 'Ticket',
    declaredByRunbook: 'declared by a runbook',
    noRunbook: 'No runbook',
  },
  list: {
    ariaLabel: 'Runbooks',
    runbook: 'Runbook',
    source: 'Source',
    coversAlerts: 'Covers alerts',
    lastReviewed: 'Last reviewed',
    openSource: 'Open the source',
    noneDeclared: 'none declared',
    neverReviewed: 'never reviewed',
  },
  problemsPanel: {
    title_one: '{{count}} problem reading the runbooks',
    title_other: '{{count}} problems reading the runbooks',
    message: 'The runbooks below may be incomplete until these are fixed.',
  },
  viewer: {
    lastReviewed: 'Last reviewed {{date}}',
    neverReviewed: 'Never reviewed',
    openSource: 'Open the source',
    empty: 'This runbook is empty.',
  },
  staleChip: {
    label: 'Stale',
    lastReviewed: 'Last reviewed on {{date}}, more than {{days}} days ago.',
    neverReviewed:
      'Never reviewed: nobody can tell whether it still matches the service.',
    ariaLabel: 'Stale: {{why}}',
  },
  help: {
    title: 'No runbooks for this service yet',
    intro:
      'A runbook says what to do when an alert fires, so that anyone on call can act on it. Keep them as Markdown files in the service’s repository, pointed to by the',
    annotationOrLinks: 'annotation, or link existing pages from',
    with: 'with',
    staleAfter: '. A runbook not reviewed for {{days}} days is marked stale.',
    pointToRunbooks: '1. Point the service to its runbooks',
    oneFilePerRunbook:
      '2. One Markdown file per runbook, e.g. runbooks/error-rate.md, with the alerts it covers and when it was last reviewed',
  },
} as const;
