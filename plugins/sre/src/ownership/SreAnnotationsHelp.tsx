import { CodeSnippet, EmptyState } from '@backstage/core-components';
import {
  ANNOTATION_CENTRAL_SRE,
  ANNOTATION_EMBEDDED_SRES,
  ANNOTATION_ENGAGEMENT,
  ENGAGEMENT_MODELS,
} from '@sre-catalog/backstage-plugin-sre-common';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../translation';

/** @public */
export type SreAnnotationsHelpProps = {
  /** The entity ref of the entity without annotations, e.g. `component:default/x`. */
  entityRef: string;
  /** Its System, whose annotations its Components would inherit. */
  system?: string;
};

/** The catalog-info.yaml excerpt an owner adds to declare SRE ownership. */
export function sreAnnotationsSnippet(): string {
  return [
    'metadata:',
    '  annotations:',
    `    # One of: ${ENGAGEMENT_MODELS.join(', ')}`,
    `    ${ANNOTATION_ENGAGEMENT}: hybrid`,
    '    # SREs who sit in the owning team (comma-separated User refs)',
    `    ${ANNOTATION_EMBEDDED_SRES}: user:default/jane.doe, user:default/sam.lee`,
    '    # The central SRE team that backs the service (a Group ref)',
    `    ${ANNOTATION_CENTRAL_SRE}: group:default/sre-team`,
    '',
  ].join('\n');
}

/**
 * Shown when neither an entity nor its System declares any SRE annotation: tells the
 * owner which annotations to add, with a snippet to copy.
 *
 * @public
 */
export function SreAnnotationsHelp(props: SreAnnotationsHelpProps) {
  const { entityRef, system } = props;
  const { t } = useTranslationRef(sreTranslationRef);
  return (
    <EmptyState
      missing="field"
      title={t('ownership.annotationsHelp.title')}
      description={
        <>
          {t('ownership.annotationsHelp.intro', { entityRef })}{' '}
          <code>{ANNOTATION_ENGAGEMENT}</code>,{' '}
          <code>{ANNOTATION_EMBEDDED_SRES}</code>{' '}
          {t('ownership.annotationsHelp.and')}{' '}
          <code>{ANNOTATION_CENTRAL_SRE}</code>{' '}
          {t('ownership.annotationsHelp.annotationsTo')}
          {system
            ? t('ownership.annotationsHelp.orToSystem', { system })
            : null}
          {t('ownership.annotationsHelp.untilThen')}
        </>
      }
      action={
        <CodeSnippet
          language="yaml"
          text={sreAnnotationsSnippet()}
          showCopyCodeButton
        />
      }
    />
  );
}
