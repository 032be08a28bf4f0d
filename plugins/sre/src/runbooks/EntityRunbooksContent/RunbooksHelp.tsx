import { CodeSnippet, EmptyState } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  ANNOTATION_RUNBOOKS,
  RUNBOOK_LINK_TYPE,
} from '@sre-catalog/backstage-plugin-sre-common';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../../translation';

/** The annotation and link that give a service runbooks, for its catalog-info.yaml. */
export function runbooksAnnotationSnippet(): string {
  return [
    '# catalog-info.yaml',
    'metadata:',
    '  annotations:',
    '    # Markdown files in a folder next to this file (or url:<folder or file>)',
    `    ${ANNOTATION_RUNBOOKS}: dir:./runbooks`,
    '  links:',
    '    # Runbooks kept elsewhere (a wiki page, a TechDocs page)',
    '    - url: https://wiki.example.com/my-service/on-call',
    '      title: On-call handbook',
    `      type: ${RUNBOOK_LINK_TYPE}`,
    '',
  ].join('\n');
}

/** A runbook file with the front matter the backend reads. */
export function runbookFileSnippet(alert: string | undefined): string {
  return [
    '---',
    'title: Checkout error rate too high',
    'alerts:',
    `  - ${alert ?? 'checkout-api-availability:page'}`,
    'last-reviewed: 2026-01-31',
    '---',
    '',
    '# Checkout error rate too high',
    '',
    '1. Open the dashboard and check which dependency fails.',
    '2. ...',
    '',
  ].join('\n');
}

/** @public */
export type RunbooksHelpProps = {
  /** An alert of the service that no runbook covers, used in the example. */
  exampleAlert?: string;
  staleAfterDays: number;
};

/**
 * Shown when an entity has no runbook: how to add Markdown runbooks through the
 * `sre-catalog.io/runbooks` annotation, and links of type `runbook`.
 *
 * @public
 */
export function RunbooksHelp(props: RunbooksHelpProps) {
  const { t } = useTranslationRef(sreTranslationRef);
  return (
    <EmptyState
      missing="content"
      title={t('runbooks.help.title')}
      description={
        <>
          {t('runbooks.help.intro')} <code>{ANNOTATION_RUNBOOKS}</code>{' '}
          {t('runbooks.help.annotationOrLinks')} <code>metadata.links</code>{' '}
          {t('runbooks.help.with')} <code>type: {RUNBOOK_LINK_TYPE}</code>
          {t('runbooks.help.staleAfter', {
            days: String(props.staleAfterDays),
          })}
        </>
      }
      action={
        <Box maxWidth={640}>
          <Typography variant="subtitle2">
            {t('runbooks.help.pointToRunbooks')}
          </Typography>
          <CodeSnippet
            language="yaml"
            text={runbooksAnnotationSnippet()}
            showCopyCodeButton
          />
          <Typography variant="subtitle2">
            {t('runbooks.help.oneFilePerRunbook')}
          </Typography>
          <CodeSnippet
            language="markdown"
            text={runbookFileSnippet(props.exampleAlert)}
            showCopyCodeButton
          />
        </Box>
      }
    />
  );
}
