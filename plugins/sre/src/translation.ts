import {
  createTranslationRef,
  TranslationFunction,
} from '@backstage/frontend-plugin-api';
import { pageMessages } from './translations/pageMessages';
import { ownershipMessages } from './translations/ownershipMessages';
import { runbooksMessages } from './translations/runbooksMessages';
import { sloEvaluationMessages } from './translations/sloEvaluationMessages';
import { slosMessages } from './translations/slosMessages';
import { sloViewsMessages } from './translations/sloViewsMessages';

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
      ...slosMessages,
      ...sloViewsMessages,
      ...sloEvaluationMessages,
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
