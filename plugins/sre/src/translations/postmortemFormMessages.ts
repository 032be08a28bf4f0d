/** The texts of the postmortem form and its sections (`postmortems.form.*` of the plugin's translation ref). */
export const postmortemFormMessages = {
  form: {
    ariaLabel: 'Postmortem',
    saving: 'Saving…',
    cancel: 'Cancel',
    localTime: 'Your local time',
    markdown: 'Markdown; HTML is not rendered',
    alerts: {
      notSaved_one: 'The postmortem was not saved:',
      notSaved_other: 'The postmortem was not saved ({{count}} problems):',
      invalidField: 'Invalid {{field}}: {{message}}',
      reload: 'Reload',
      notAllowedDefault: 'You may not save this postmortem.',
      notAllowed:
        '{{reason}} Nothing was saved; your input is kept. The backend said: {{error}}',
    },
    template: {
      title: 'Template',
      quick: 'Quick: after every incident, in five minutes',
      full: 'Full blameless template: when it matters',
      quickNote:
        'This is a quick postmortem. Expand it into the full blameless template to add the timeline, contributing factors and lessons.',
      expand: 'Expand to the full template',
      keepQuick: 'Keep it quick',
      expanding:
        'Saving turns this quick postmortem into a full one ({{full}}); a full postmortem cannot become quick again. It needs an impact, and detection and resolution times.',
    },
    incident: {
      title: 'Incident',
      titleLabel: 'Title',
      titleHint: 'What happened, e.g. "Checkout 5xx after deploy"',
      severity: 'Severity',
      choose: 'Choose…',
      status: 'Status',
      publishedHint: 'Shown in the library and search',
      services: 'Services',
      servicesHint:
        'Affected catalog entities, e.g. {{example}}; Enter adds one',
      startedAt: 'Started at',
      detectedAt: 'Detected at',
      mitigatedAt: 'Mitigated at',
      resolvedAt: 'Resolved at',
      summary: 'Summary',
      summaryHint:
        'What happened and how it was fixed, in a few sentences. Markdown; HTML is not rendered',
      impact: 'Impact',
      impactHint:
        'Who noticed what, for how long; orders, users or requests affected',
    },
    impactedSlos: {
      title: 'Impacted SLOs',
      description:
        "The share of each SLO's error budget this incident consumed. Over {{threshold}}% on one SLO, the error budget policy asks for a P0 action item. Leave the share empty to compute it from the SLO's data for the incident window.",
      slo: 'SLO',
      budget: 'Budget consumed (%)',
      computed: 'Computed from the SLO data',
      entered: 'Entered',
      emptyComputed: 'Empty: computed from the SLO data',
      add: 'Add an impacted SLO',
      row: 'Impacted SLO {{n}}',
      remove: 'Remove impacted SLO {{n}}',
    },
    timeline: {
      title: 'Timeline',
      description:
        'What happened when: first signal, alert, escalation, mitigation, resolution.',
      at: 'At',
      whatHappened: 'What happened',
      add: 'Add a timeline entry',
      row: 'Timeline entry {{n}}',
      remove: 'Remove timeline entry {{n}}',
    },
    analysis: {
      title: 'Analysis',
      description:
        'Blameless: describe how the system and its processes made the failure possible, not who made a mistake.',
      factor: 'Contributing factor {{n}}',
      add: 'Add a contributing factor',
      row: 'Contributing factor {{n}}',
      remove: 'Remove contributing factor {{n}}',
      wentWell: 'What went well',
      wentPoorly: 'What went poorly',
      lessons: 'Lessons',
      lessonsHint:
        'What other teams should know; shown in the recent learnings. Markdown; HTML is not rendered',
    },
    actionItems: {
      titleFull: 'Action items',
      titleQuick: 'Action item',
      descriptionFull:
        'Follow-ups that make this less likely or less bad, each with an owner and a due date.',
      descriptionQuick:
        'One follow-up, with an owner and a due date. The full template takes more.',
      add: 'Add an action item',
      row: 'Action item {{n}}',
      remove: 'Remove action item {{n}}',
      inputInRow: '{{label}} (action item {{n}})',
      actionItem: 'Action item',
      owner: 'Owner',
      ownerHint: '{{groupRef}} or {{userRef}}',
      dueDate: 'Due date',
      priority: 'Priority',
      status: 'Action item status',
      trackingLink: 'Tracking link',
      trackingHint: 'Ticket URL',
      quickMore:
        'and {{more}} more, kept as they are; expand to the full template to edit them.',
    },
    tagsAndLinks: {
      title: 'Tags and links',
      tags: 'Tags',
      tagsHint: 'e.g. deploy, database, third-party; Enter adds one',
      linkTitle: 'Link title',
      linkTitleHint: 'Chat thread, ticket, document',
      url: 'URL',
      add: 'Add a link',
      row: 'Link {{n}}',
      remove: 'Remove link {{n}}',
    },
  },
} as const;
