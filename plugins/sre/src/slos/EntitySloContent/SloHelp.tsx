import { CodeSnippet, EmptyState } from '@backstage/core-components';
import { Entity } from '@backstage/catalog-model';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

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
  return (
    <EmptyState
      missing="content"
      title={
        isSystem
          ? 'No component of this System has an SLO yet'
          : 'This service has no SLO yet'
      }
      description={
        <>
          An SLO says how reliable {isSystem ? 'a service' : service} must be,
          and its error budget how much unreliability is acceptable. Write one
          in OpenSLO v1 (Sloth and Pyrra files work too), with{' '}
          <code>spec.service</code> naming the Component
          {isSystem ? ' (one of this System)' : ''}, then register the file in
          the catalog.
        </>
      }
      action={
        <Box maxWidth={640}>
          <Typography variant="subtitle2">
            1. The SLO, e.g. slos.yaml
          </Typography>
          <CodeSnippet
            language="yaml"
            text={openSloSnippet(service)}
            showCopyCodeButton
          />
          <Typography variant="subtitle2">
            2. Register it as a catalog location that allows the SLO kinds
          </Typography>
          <CodeSnippet
            language="yaml"
            text={sloLocationSnippet()}
            showCopyCodeButton
          />
          <Typography variant="body2">
            3. Push events to{' '}
            <code>
              POST /api/sre/slos/default/{service}-availability/events
            </code>{' '}
            from your service or exporter; the status appears within a minute.
          </Typography>
        </Box>
      }
    />
  );
}
