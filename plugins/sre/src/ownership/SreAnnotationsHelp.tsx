import { CodeSnippet, EmptyState } from '@backstage/core-components';
import {
  ANNOTATION_CENTRAL_SRE,
  ANNOTATION_EMBEDDED_SRES,
  ANNOTATION_ENGAGEMENT,
  ENGAGEMENT_MODELS,
} from '@sre-catalog/backstage-plugin-sre-common';

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
  return (
    <EmptyState
      missing="field"
      title="No SRE ownership declared"
      description={
        <>
          {entityRef} does not say who supports its reliability. Add the{' '}
          <code>{ANNOTATION_ENGAGEMENT}</code>,{' '}
          <code>{ANNOTATION_EMBEDDED_SRES}</code> and{' '}
          <code>{ANNOTATION_CENTRAL_SRE}</code> annotations to its
          catalog-info.yaml
          {system ? (
            <>
              , or to its System {system} so that all of the System's components
              inherit them
            </>
          ) : null}
          . Until then the organisation baseline below applies.
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
