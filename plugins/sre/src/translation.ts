import {
  createTranslationRef,
  TranslationFunction,
} from '@backstage/frontend-plugin-api';
import { SRE_PAGE_TITLE } from './reliabilityPage/pageLabels';

/**
 * The texts of the SRE Catalog plugin. Apps override them with a translation resource
 * (`createTranslationResource`) or `createTranslationMessages` for this ref.
 *
 * @alpha
 */
export const sreTranslationRef = createTranslationRef({
  id: 'sre',
  messages: {
    page: {
      title: SRE_PAGE_TITLE,
      subtitle: 'SRE coverage, SLOs and postmortems across the organisation',
      coverageDescription:
        'Who is responsible for the reliability of each service',
    },
    ownership: {
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
        undeclared:
          'No engagement model is declared on the service or its System.',
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
    },
    runbooks: {
      source: {
        link: 'Catalog link',
        file: 'Repository file',
        slo: 'SLO alert',
      },
    },
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
