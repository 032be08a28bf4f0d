import { WarningPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { SloProblemRecord } from '@sre-catalog/backstage-plugin-sre-common';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../../translation';

/** @public */
export type InvalidSloDocumentsProps = {
  records: SloProblemRecord[];
};

/**
 * The SLO documents of a service that the catalog refused: each document, where it
 * is, and every problem with its path. Renders nothing when there are none.
 *
 * @public
 */
export function InvalidSloDocuments(props: InvalidSloDocumentsProps) {
  const { records } = props;
  const { t } = useTranslationRef(sreTranslationRef);
  if (records.length === 0) return null;
  const title = t('slos.invalidDocuments.title', { count: records.length });
  return (
    <WarningPanel
      severity="warning"
      title={title}
      message={t('slos.invalidDocuments.message')}
      defaultExpanded
    >
      <Box width="100%">
        {records.map(record => (
          <Box key={record.sloRef} mb={2} data-testid="sre-invalid-slo">
            <Typography variant="subtitle2">
              <code>{record.sloRef}</code>
            </Typography>
            <Typography variant="caption" color="textSecondary">
              {record.location
                ? t('slos.invalidDocuments.location', {
                    location: record.location,
                  })
                : t('slos.invalidDocuments.locationUnknown')}
            </Typography>
            <List dense disablePadding>
              {record.problems.map(problem => (
                <ListItem
                  key={`${problem.path}|${problem.message}`}
                  disableGutters
                >
                  <ListItemText
                    primary={<code>{problem.path}</code>}
                    secondary={problem.message}
                  />
                </ListItem>
              ))}
            </List>
          </Box>
        ))}
      </Box>
    </WarningPanel>
  );
}
