import { CodeSnippet, EmptyState } from '@backstage/core-components';
import { Entity } from '@backstage/catalog-model';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../../translation';

/** An OpenSLO v1 SLO for a service, measured by the built-in SLI store. */
export function openSloSnippet(service: string): string {
  return [
    'apiVersion: openslo/v1',
    'kind: SLO',
    'metadata:',
    `  name: ${service}-availability`,
    '  displayName: Availability',
    'spec:',
    '  description: Requests that did not fail with a 5xx.',
    `  service: ${service}`,
    '  indicator:',
    '    metadata:',
    `      name: ${service}-successful-requests`,
    '    spec:',
    '      ratioMetric:',
    '        counter: true',
    '        good:',
    '          metricSource:',
    '            type: builtin # events pushed to the SRE backend',
    '        total:',
    '          metricSource:',
    '            type: builtin',
    '  timeWindow:',
    '    - duration: 28d',
    '      isRolling: true',
    '  budgetingMethod: Occurrences',
    '  objectives:',
    '    - target: 0.999',
    '',
  ].join('\n');
}

/** The catalog location that registers an SLO file. */
export function sloLocationSnippet(): string {
  return [
    '# app-config.yaml',
    'catalog:',
    '  locations:',
    '    - type: url',
    '      target: https://github.com/acme/my-service/blob/main/slos.yaml',
    '      rules:',
    '        - allow: [SLO, SLI]',
    '',
  ].join('\n');
}

/** @public */
export type SloHelpProps = {
  entity: Entity;
};

/**
 * Shown when a service (or the components of a System) has no SLO: how to write one in
 * OpenSLO and register it in the catalog.
 *
 * @public
 */
export function SloHelp(props: SloHelpProps) {
  const { entity } = props;
  const isSystem = entity.kind.toLocaleLowerCase('en-US') === 'system';
  const service = isSystem ? 'my-service' : entity.metadata.name;
  const { t } = useTranslationRef(sreTranslationRef);
  return (
    <EmptyState
      missing="content"
      title={
        isSystem ? t('slos.help.titleSystem') : t('slos.help.titleService')
      }
      description={
        <>
          {isSystem
            ? t('slos.help.introSystem')
            : t('slos.help.introService', { service })}{' '}
          <code>spec.service</code>{' '}
          {isSystem
            ? t('slos.help.namingSystem')
            : t('slos.help.namingService')}
        </>
      }
      action={
        <Box maxWidth={640}>
          <Typography variant="subtitle2">{t('slos.help.stepSlo')}</Typography>
          <CodeSnippet
            language="yaml"
            text={openSloSnippet(service)}
            showCopyCodeButton
          />
          <Typography variant="subtitle2">
            {t('slos.help.stepLocation')}
          </Typography>
          <CodeSnippet
            language="yaml"
            text={sloLocationSnippet()}
            showCopyCodeButton
          />
          <Typography variant="body2">
            {t('slos.help.stepPush')}{' '}
            <code>
              POST /api/sre/slos/default/{service}-availability/events
            </code>{' '}
            {t('slos.help.stepPushEnd')}
          </Typography>
        </Box>
      }
    />
  );
}
