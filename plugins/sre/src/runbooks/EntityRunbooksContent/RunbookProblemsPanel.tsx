import { WarningPanel } from '@backstage/core-components';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import {
  RunbookProblem,
  RunbookProblemSource,
} from '@sre-catalog/backstage-plugin-sre-common';

const SOURCE: Record<RunbookProblemSource, string> = {
  annotation: 'Annotation',
  link: 'Catalog link',
  file: 'Runbook file',
  slo: 'SLO',
};

/** @public */
export type RunbookProblemsPanelProps = {
  problems: RunbookProblem[];
};

/**
 * What kept runbooks from being read: a broken annotation, an unreadable file, bad
 * front matter. Renders nothing without problems.
 *
 * @public
 */
export function RunbookProblemsPanel(props: RunbookProblemsPanelProps) {
  const { problems } = props;
  if (problems.length === 0) return null;
  return (
    <WarningPanel
      severity="warning"
      title={
        problems.length === 1
          ? '1 problem reading the runbooks'
          : `${problems.length} problems reading the runbooks`
      }
      message="The runbooks below may be incomplete until these are fixed."
      defaultExpanded
    >
      <List dense disablePadding>
        {problems.map((problem, i) => (
          <ListItem key={`${problem.location}|${i}`} disableGutters>
            <ListItemText
              primary={
                <>
                  {SOURCE[problem.source]}
                  {problem.location && (
                    <>
                      {' '}
                      <code>{problem.location}</code>
                    </>
                  )}
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
