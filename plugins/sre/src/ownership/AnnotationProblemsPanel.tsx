import { WarningPanel } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { AnnotationProblem } from '@sre-catalog/backstage-plugin-sre-common';

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
  if (problems.length === 0) {
    return null;
  }
  const title =
    problems.length === 1
      ? '1 problem with SRE annotations'
      : `${problems.length} problems with SRE annotations`;
  return (
    <WarningPanel
      severity="warning"
      title={title}
      message="These annotation values were ignored. Fix them in catalog-info.yaml."
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
                  <code>{problem.value}</code> on{' '}
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
