import { WarningPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { SloProblemRecord } from '@sre-catalog/backstage-plugin-sre-common';

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
  if (records.length === 0) return null;
  const title =
    records.length === 1
      ? '1 SLO document of this service is invalid'
      : `${records.length} SLO documents of this service are invalid`;
  return (
    <WarningPanel
      severity="warning"
      title={title}
      message="They are not evaluated until fixed. Correct these fields in the documents; the catalog picks the change up on its next refresh."
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
                ? `Location: ${record.location}`
                : 'Location unknown'}
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
