import {
  createTranslationRef,
  TranslationFunction,
} from '@backstage/frontend-plugin-api';
import { pageMessages } from './translations/pageMessages';
import { postmortemFormMessages } from './translations/postmortemFormMessages';
import { postmortemLibraryMessages } from './translations/postmortemLibraryMessages';
import { postmortemPagesMessages } from './translations/postmortemPagesMessages';
import { postmortemsMessages } from './translations/postmortemsMessages';
import { ownershipMessages } from './translations/ownershipMessages';
import { runbooksMessages } from './translations/runbooksMessages';
import { sharedMessages } from './translations/sharedMessages';
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
      ...postmortemsMessages,
      ...postmortemPagesMessages,
      ...postmortemFormMessages,
      ...postmortemLibraryMessages,
    },
    runbooks: runbooksMessages,
    shared: sharedMessages,
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
