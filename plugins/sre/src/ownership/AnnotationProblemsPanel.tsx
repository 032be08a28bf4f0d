import { WarningPanel } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { AnnotationProblem } from '@sre-catalog/backstage-plugin-sre-common';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../translation';

/** @public */
export type AnnotationProblemsPanelProps = {
  problems: AnnotationProblem[];
};

/**
 * Lists bad SRE annotations: on which entity, which annotation, its value and what
 * is wrong with it. Renders nothing when there are no problems.
 *
 * @public
 */
export function AnnotationProblemsPanel(props: AnnotationProblemsPanelProps) {
  const { problems } = props;
  const { t } = useTranslationRef(sreTranslationRef);
  if (problems.length === 0) {
    return null;
  }
  const title = t('ownership.problemsPanel.title', {
    count: problems.length,
  });
  return (
    <WarningPanel
      severity="warning"
      title={title}
      message={t('ownership.problemsPanel.message')}
      defaultExpanded
    >
      <List dense disablePadding>
        {problems.map(problem => (
          <ListItem
            key={`${problem.entityRef}|${problem.annotation}|${problem.value}`}
            disableGutters
          >
            <ListItemText
              primary={
                <>
                  <code>{problem.annotation}</code>:{' '}
                  <code>{problem.value}</code> {t('ownership.problemsPanel.on')}{' '}
                  <EntityRefLink entityRef={problem.entityRef}>
                    {problem.entityRef}
                  </EntityRefLink>
                </>
              }
              secondary={problem.message}
            />
          </ListItem>
        ))}
      </List>
    </WarningPanel>
  );
}
