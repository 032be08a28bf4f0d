import { WarningPanel } from '@backstage/core-components';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { RunbookProblem } from '@sre-catalog/backstage-plugin-sre-common';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../../translation';

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
  const { t } = useTranslationRef(sreTranslationRef);
  if (problems.length === 0) return null;
  return (
    <WarningPanel
      severity="warning"
      title={t('runbooks.problemsPanel.title', { count: problems.length })}
      message={t('runbooks.problemsPanel.message')}
      defaultExpanded
    >
      <List dense disablePadding>
        {problems.map((problem, i) => (
          <ListItem key={`${problem.location}|${i}`} disableGutters>
            <ListItemText
              primary={
                <>
                  {t(`runbooks.problemSource.${problem.source}`)}
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
