/** The texts of the ownership cards (`ownership.*` of the plugin's translation ref). */
export const ownershipMessages = {
  support: {
    supported: 'SRE supported',
    unstaffed: 'Unstaffed',
    none: 'No SRE support',
    undeclared: 'Undeclared',
  },
  supportDescription: {
    supported: 'SREs are assigned to this service.',
    unstaffed:
      'The engagement model calls for SREs, but none that exist in the catalog are assigned.',
    none: 'Declared without SRE support: the owning team alone is responsible.',
    undeclared: 'No engagement model is declared on the service or its System.',
  },
  engagementDescription: {
    embedded:
      'SREs sit in the product team and share its backlog, alerts and on-call.',
    central:
      'A central SRE team supports the service from outside the product team.',
    enabling:
      'Enabling SREs coach the team for a while; the team runs the service itself.',
    platform:
      'The team self-serves reliability tooling that a platform team offers as a service.',
    hybrid:
      'Embedded SREs work with the team, backed by a central SRE team for shared concerns.',
    none: 'No SRE support: the owning team alone is responsible for reliability.',
  },
  teamType: {
    'stream-aligned':
      'Aligned to a flow of work from a business domain; builds and runs its services end to end.',
    platform:
      'Offers internal services that other teams self-serve, to reduce their cognitive load.',
    enabling:
      'Helps other teams acquire missing capabilities for a while, then steps back.',
    'complicated-subsystem':
      'Owns a part of the system that needs deep specialist knowledge.',
  },
  party: {
    team: 'Owning team',
    'embedded-sre': 'Embedded SREs',
    'central-sre': 'Central SRE team',
    platform: 'Platform team',
  },
  valueSource: {
    entity: 'entity',
    system: 'system',
    baseline: 'baseline',
    config: 'organisation default',
    none: 'not declared',
  },
  role: {
    owner: 'Owner',
    'embedded-sre': 'Embedded SRE',
    'central-sre': 'Central SRE',
    platform: 'Platform',
    area: 'Holds {{area}}',
  },
  engagementChip: {
    undeclared: 'undeclared',
    undeclaredDescription:
      'No engagement model declared on the service or its System.',
  },
  timeBox: {
    ends: 'Time-boxed: {{engagement}} SRE support ends on {{date}} ({{relative}}); then {{then}}.',
    endsWithoutThen:
      'Time-boxed: {{engagement}} SRE support ends on {{date}} ({{relative}}); what follows is not declared ({{thenAnnotation}}).',
    ended:
      'Ended on {{date}} ({{relative}}); the annotations still say {{engagement}} — update {{engagementAnnotation}} to {{then}} or extend {{untilAnnotation}}.',
    endedWithoutThen:
      'Ended on {{date}} ({{relative}}); the annotations still say {{engagement}} — update {{engagementAnnotation}} or extend {{untilAnnotation}}.',
    today: 'today',
    inDays_one: 'in {{count}} day',
    inDays_other: 'in {{count}} days',
    daysAgo_one: '{{count}} day ago',
    daysAgo_other: '{{count}} days ago',
    thenNone: 'no SRE support',
    coverageEnds: 'Time-boxed: ends {{date}}',
    coverageEnded: 'Time box ended {{date}}',
  },
  problemsPanel: {
    title_one: '{{count}} problem with SRE annotations',
    title_other: '{{count}} problems with SRE annotations',
    message:
      'These annotation values were ignored. Fix them in catalog-info.yaml.',
    on: 'on',
  },
  card: {
    title: 'SRE ownership',
    noGaps: 'No gaps',
    gaps_one: '{{count}} gap',
    gaps_other: '{{count}} gaps',
    noEngagement: 'No engagement model is declared.',
    declaredOnEntity: 'Declared on this entity.',
    inheritedFrom: 'Inherited from',
    inheritedFromSystem: 'Inherited from its System.',
    setByDefault: 'Set by the organisation default.',
    notDeclaredAnywhere: 'Not declared on this entity or its System.',
    embeddedSres: 'Embedded SREs',
    centralSre: 'Central SRE team',
    interactionMode: 'Interaction mode',
    sreSupport: 'SRE support',
    none: 'None',
    notDeclared: 'Not declared',
    responsibilities: 'Responsibilities',
    baselineResponsibilities: 'Baseline responsibilities',
  },
  matrix: {
    ariaLabel: 'Responsibility matrix',
    area: 'Area',
    party: 'Party',
    holders: 'Holders',
    source: 'Source',
    gap: 'Gap',
    gapDescription: 'Gap: nobody holds {{area}}',
  },
  annotationsHelp: {
    title: 'No SRE ownership declared',
    intro: '{{entityRef}} does not say who supports its reliability. Add the',
    and: 'and',
    annotationsTo: 'annotations to its catalog-info.yaml',
    orToSystem:
      ", or to its System {{system}} so that all of the System's components inherit them",
    untilThen: '. Until then the organisation baseline below applies.',
  },
  groupCard: {
    title: 'SRE support',
    noTeamType: 'No Team Topologies type declared (add the',
    noTeamTypeEnd: 'annotation).',
    ownedTitle: 'Services it owns',
    servicesOwned: 'services owned',
    withoutSreSupport: 'without SRE support',
    withGaps: 'with gaps',
    supportsTitle: 'Services it supports as SREs',
    supportsNoneTitle: 'Supports no services',
    supportsNoneDescription:
      'No service names this team or its members as embedded SREs, central SRE team or holder of a responsibility area.',
    supportsAriaLabel: 'Services this team supports',
    service: 'Service',
    engagement: 'Engagement',
    how: 'How',
    ownedBy: 'owned by',
    embedded: 'Embedded:',
  },
} as const;
