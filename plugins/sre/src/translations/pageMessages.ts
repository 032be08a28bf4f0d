import { SRE_PAGE_TITLE } from '../reliabilityPage/pageLabels';

/** The texts of the SRE page and its coverage view (`page.*` of the plugin's translation ref). */
export const pageMessages = {
  title: SRE_PAGE_TITLE,
  subtitle: 'SRE coverage, SLOs and postmortems across the organisation',
  coverageDescription: 'Who is responsible for the reliability of each service',
  tabs: {
    coverage: 'Coverage',
  },
  filters: {
    team: 'Team',
    allTeams: 'All teams',
    system: 'System',
    allSystems: 'All systems',
  },
  noMatch: {
    title: 'No services match these filters',
    description: 'Choose another team or System, or show all.',
  },
  noServices: {
    title: 'No services in the catalog yet',
    description:
      'Register your services in the software catalog, then declare how SREs support them with the {{annotation}} annotation.',
  },
  summary: {
    services: 'Services',
    withoutSreSupport: 'Without SRE support',
    withGaps: 'With gaps',
    withProblems: 'With annotation problems',
  },
  chart: {
    title: 'Services per engagement model',
    ariaLabel: 'Services per engagement model: {{summary}}',
    services: 'Services',
  },
  table: {
    title: 'Services ({{total}})',
    service: 'Service',
    owner: 'Owner',
    system: 'System',
    engagement: 'Engagement',
    sreSupport: 'SRE support',
    sres: 'SREs',
    gaps: 'Gaps',
    problems: 'Problems',
    noGaps: 'None',
    noMatch: 'No services match.',
  },
} as const;
