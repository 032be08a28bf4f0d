/** The texts of the postmortem library and recent learnings (`postmortems.*` of the plugin's translation ref). */
export const postmortemLibraryMessages = {
  library: {
    title: 'Postmortem library',
    description:
      'Every team’s postmortems in one place: search them, and learn from incidents elsewhere before they happen to you.',
    noMatchTitle: 'No postmortems match',
    noMatchDescription: 'Try other words, or fewer filters.',
    noPostmortemsTitle: 'No postmortems yet',
    noPostmortemsDescription:
      'Teams write them from the Incidents & postmortems tab of their services.',
    tableTitle: 'Postmortem library',
    perPage: 'Postmortems per page',
    search: 'Search postmortems',
    searchPlaceholder: 'e.g. connection pool, deploy, DNS',
    severity: 'Severity',
    anySeverity: 'Any severity',
    status: 'Status',
    anyStatus: 'Any status',
    team: 'Team',
    allTeams: 'All teams',
    tag: 'Tag',
    teamsError: 'Could not load the teams from the catalog: {{error}}',
  },
  recentLearnings: {
    title: 'Recent learnings',
    description:
      'The lessons of the latest published postmortems, across teams.',
    noLessonsTitle: 'No lessons published yet',
    noLessonsDescription:
      'Lessons come from the Lessons section of published postmortems (the full template).',
    team: 'Team',
    service: 'Service',
    showOlder: 'Show older postmortems',
  },
  requiredPanel: {
    title_one:
      '{{count}} incident without the postmortem (or its P0 action item) the error budget policy asks for',
    title_other:
      '{{count}} incidents without the postmortem (or its P0 action item) the error budget policy asks for',
    noPostmortem: 'no postmortem yet',
    writeOne: 'write one',
  },
} as const;
