import { createTranslationRef } from '@backstage/frontend-plugin-api';

/**
 * The texts of the SRE Catalog plugin. Apps override them with a translation resource
 * (`createTranslationResource`) or `createTranslationMessages` for this ref.
 *
 * @alpha
 */
export const sreTranslationRef = createTranslationRef({
  id: 'sre',
  messages: {
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
