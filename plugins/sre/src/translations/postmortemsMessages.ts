/** The texts of postmortems in words, their chips and tables (`postmortems.*` of the plugin's translation ref). */
export const postmortemsMessages = {
  staleVersion:
    'Someone else changed this postmortem; reload it and apply your edit again.',
  policyFlag:
    "This incident used more than {{threshold}}% of an SLO's budget: add a P0 action item.",
  severityDescription: {
    SEV1: 'Critical: a core journey down for many users, or data loss.',
    SEV2: 'Major: a core journey degraded, or a feature down for many users.',
    SEV3: 'Minor: a feature degraded for some users, with a workaround.',
    SEV4: 'Low: little or no user impact; worth learning from.',
  },
  status: {
    draft: 'Draft',
    'in-review': 'In review',
    published: 'Published',
  },
  template: {
    quick: 'Quick',
    full: 'Full (blameless)',
  },
  priority: {
    P0: 'P0 (now)',
    P1: 'P1',
    P2: 'P2',
    P3: 'P3',
  },
  actionItemStatus: {
    open: 'Open',
    'in-progress': 'In progress',
    done: 'Done',
    'wont-do': "Won't do",
  },
  duration: {
    days: '{{value}} d',
    hours: '{{value}} h',
    minutes: '{{value}} min',
  },
  severityChip: {
    ariaLabel: 'Severity {{severity}}',
  },
  actionItemStatusChip: {
    overdue: 'Overdue',
  },
  text: {
    empty: 'Not written yet.',
  },
  access: {
    checking: 'Checking your permissions…',
    error:
      'Your permissions could not be checked ({{error}}); reload the page to try again.',
    createDenied:
      'You may not write postmortems about {{entityRef}}: you do not have the permission {{permission}}.',
    updateDenied:
      'You may not change this postmortem: you do not have the permission {{permission}} on it.',
  },
  actionItemsTable: {
    ariaLabel: 'Action items',
    actionItem: 'Action item',
    postmortem: 'Postmortem',
    owner: 'Owner',
    due: 'Due',
    priority: 'Priority',
    status: 'Status',
    compactTitle: '{{title}} ({{priority}})',
    tracking: 'Tracking',
    from: 'From',
  },
  table: {
    ariaLabel: 'Postmortems',
    severity: 'Severity',
    postmortem: 'Postmortem',
    title: 'Title',
    status: 'Status',
    started: 'Started',
    services: 'Services',
    teams: 'Teams',
    tags: 'Tags',
    actionItems: 'Action items',
    tagsBelow: 'Tags:',
    teamsBelow_one: 'Team:',
    teamsBelow_other: 'Teams:',
    open: '{{open}} open',
    overdue: '{{overdue}} overdue',
  },
  groupCard: {
    title: 'Postmortems and action items',
    subheader:
      'Overdue follow-ups of the team, and the latest postmortems of its services',
    openInLibrary: 'Open in the postmortem library',
    overdueTitle: 'Overdue action items',
    noOverdue: 'No overdue action items. Well done.',
    overdueTableTitle: 'Overdue action items of the team',
    showingOverdue: 'Showing {{shown}} of {{total}} overdue action items.',
    recentTitle: 'Recent postmortems',
    noPostmortemsTitle: 'No postmortems',
    noPostmortemsDescription:
      "None of the services this team owns has a postmortem yet. Write one from the service's Incidents & postmortems tab.",
    tableTitle: "Postmortems of the team's services",
    latest:
      'The latest {{shown}} of {{total}}; the postmortem library on the SRE page has them all.',
  },
} as const;
