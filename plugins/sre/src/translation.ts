import {
  createTranslationRef,
  TranslationFunction,
} from '@backstage/frontend-plugin-api';
import { pageMessages } from './translations/pageMessages';
import { ownershipMessages } from './translations/ownershipMessages';
import { runbooksMessages } from './translations/runbooksMessages';

/**
 * The texts of the SRE Catalog plugin. Apps override them with a translation resource
 * (`createTranslationResource`) or `createTranslationMessages` for this ref.
 *
 * @alpha
 */
export const sreTranslationRef = createTranslationRef({
  id: 'sre',
  messages: {
    page: pageMessages,
    ownership: ownershipMessages,
    slos: {
      review: {
        title: 'SLO review',
        description:
          'Every SLO of the organisation, least error budget left first: the list to go through together in the SLO review meeting.',
      },
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
        ratioTimeslices:
          '{{target}} good on average across {{slices}} {{period}}',
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
        noRecentEvents:
          'No events in the last hour to project the budget from.',
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
    },
    postmortems: {
      library: {
        title: 'Postmortem library',
        description:
          'Every team’s postmortems in one place: search them, and learn from incidents elsewhere before they happen to you.',
      },
      recentLearnings: {
        title: 'Recent learnings',
        description:
          'The lessons of the latest published postmortems, across teams.',
      },
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
    },
    runbooks: runbooksMessages,
    searchResult: {
      postmortem: 'Postmortem',
      runbook: 'Runbook',
      severity: 'Severity: {{severity}}',
      service: 'Service: {{service}}',
      team: 'Team: {{team}}',
      started: 'Started: {{date}}',
      source: 'Source: {{source}}',
      alerts_one: '{{count}} alert',
      alerts_other: '{{count}} alerts',
      reviewOverdue: 'Review overdue',
    },
  },
});

/** The plugin's translation function, for helpers that phrase values outside components. */
export type SreTranslate = TranslationFunction<typeof sreTranslationRef.T>;
