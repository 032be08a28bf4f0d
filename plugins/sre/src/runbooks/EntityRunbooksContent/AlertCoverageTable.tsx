import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import MuiLink from '@material-ui/core/Link';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  Runbook,
  RunbookAlert,
} from '@sre-catalog/backstage-plugin-sre-common';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../../translation';
import { CellCaption } from '../../shared/CellCaption';

const useStyles = makeStyles(
  theme => ({
    uncovered: {
      backgroundColor:
        theme.palette.type === 'dark'
          ? 'rgba(244, 67, 54, 0.16)'
          : 'rgba(244, 67, 54, 0.08)',
    },
    uncoveredChip: {
      backgroundColor: theme.palette.error.main,
      color: theme.palette.error.contrastText,
      fontWeight: 700,
    },
  }),
  { name: 'SreAlertCoverageTable' },
);

/** @public */
export type AlertCoverageTableProps = {
  alerts: RunbookAlert[];
  runbooks: Runbook[];
  onSelect(id: string): void;
};

/**
 * Each alert of the service and the runbooks that cover it; alerts without a runbook
 * are highlighted.
 *
 * @public
 */
export function AlertCoverageTable(props: AlertCoverageTableProps) {
  const { alerts, runbooks, onSelect } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(sreTranslationRef);
  const byId = new Map(runbooks.map(r => [r.id, r]));
  return (
    <Table size="small" aria-label={t('runbooks.alertCoverageTable.ariaLabel')}>
      <TableHead>
        <TableRow>
          <TableCell>{t('runbooks.alertCoverageTable.alert')}</TableCell>
          <TableCell>{t('runbooks.alertCoverageTable.raisedBy')}</TableCell>
          <TableCell>{t('runbooks.alertCoverageTable.runbooks')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {alerts.map(alert => {
          const covering = alert.runbookIds
            .map(id => byId.get(id))
            .filter((r): r is Runbook => !!r);
          const uncovered = covering.length === 0;
          return (
            <TableRow
              key={alert.name}
              data-alert={alert.name}
              data-uncovered={uncovered ? 'true' : undefined}
              className={uncovered ? classes.uncovered : undefined}
            >
              <TableCell component="th" scope="row">
                <code>{alert.name}</code>
                {alert.severity && (
                  <CellCaption>
                    {alert.severity === 'page'
                      ? t('runbooks.alertCoverageTable.pagesOnCall')
                      : t('runbooks.alertCoverageTable.ticket')}
                  </CellCaption>
                )}
              </TableCell>
              <TableCell>
                {alert.sloRef ? (
                  <EntityRefLink entityRef={alert.sloRef} />
                ) : (
                  <Typography variant="body2" color="textSecondary">
                    {t('runbooks.alertCoverageTable.declaredByRunbook')}
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                {uncovered ? (
                  <Chip
                    size="small"
                    label={t('runbooks.alertCoverageTable.noRunbook')}
                    className={classes.uncoveredChip}
                  />
                ) : (
                  <Box display="flex" flexDirection="column">
                    {covering.map(runbook =>
                      runbook.markdown !== undefined ? (
                        <Box key={runbook.id}>
                          <MuiLink
                            component="button"
                            variant="body2"
                            onClick={() => onSelect(runbook.id)}
                            style={{ textAlign: 'left' }}
                          >
                            {runbook.title}
                          </MuiLink>
                        </Box>
                      ) : (
                        <Box key={runbook.id}>
                          {runbook.url ? (
                            <Link to={runbook.url}>{runbook.title}</Link>
                          ) : (
                            runbook.title
                          )}
                        </Box>
                      ),
                    )}
                  </Box>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
