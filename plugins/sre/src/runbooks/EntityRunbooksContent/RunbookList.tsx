import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import MuiLink from '@material-ui/core/Link';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Runbook } from '@sre-catalog/backstage-plugin-sre-common';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../../translation';
import { StaleChip } from './StaleChip';
import { formatDate } from '../../shared/format';
import { CellCaption } from '../../shared/CellCaption';

/** @public */
export type RunbookListProps = {
  runbooks: Runbook[];
  staleAfterDays: number;
  selectedId?: string;
  onSelect(id: string): void;
};

/**
 * The runbooks of a service: title, where it comes from, the alerts it covers and
 * when it was last reviewed, stale ones marked. Runbooks with Markdown open below
 * the list; the others open their URL.
 *
 * @public
 */
export function RunbookList(props: RunbookListProps) {
  const { runbooks, staleAfterDays, selectedId, onSelect } = props;
  const { t } = useTranslationRef(sreTranslationRef);
  return (
    <Table size="small" aria-label={t('runbooks.list.ariaLabel')}>
      <TableHead>
        <TableRow>
          <TableCell>{t('runbooks.list.runbook')}</TableCell>
          <TableCell>{t('runbooks.list.source')}</TableCell>
          <TableCell>{t('runbooks.list.coversAlerts')}</TableCell>
          <TableCell>{t('runbooks.list.lastReviewed')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {runbooks.map(runbook => (
          <TableRow
            key={runbook.id}
            data-runbook={runbook.id}
            selected={runbook.id === selectedId}
          >
            <TableCell component="th" scope="row">
              {runbook.markdown !== undefined ? (
                <MuiLink
                  component="button"
                  variant="body2"
                  onClick={() => onSelect(runbook.id)}
                  aria-pressed={runbook.id === selectedId}
                  style={{
                    textAlign: 'left',
                    fontWeight: runbook.id === selectedId ? 700 : undefined,
                  }}
                >
                  {runbook.title}
                </MuiLink>
              ) : (
                runbook.url && <Link to={runbook.url}>{runbook.title}</Link>
              )}
              {runbook.markdown !== undefined && runbook.url && (
                <Typography variant="caption" component="div">
                  <Link to={runbook.url}>{t('runbooks.list.openSource')}</Link>
                </Typography>
              )}
            </TableCell>
            <TableCell>
              {t(`runbooks.source.${runbook.source}`)}
              {runbook.path && <CellCaption>{runbook.path}</CellCaption>}
            </TableCell>
            <TableCell>
              {runbook.alerts.length === 0 ? (
                <Typography variant="body2" color="textSecondary">
                  {t('runbooks.list.noneDeclared')}
                </Typography>
              ) : (
                <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
                  {runbook.alerts.map(alert => (
                    <Chip
                      key={alert}
                      size="small"
                      variant="outlined"
                      label={alert}
                    />
                  ))}
                </Box>
              )}
            </TableCell>
            <TableCell>
              <Box
                display="flex"
                alignItems="center"
                flexWrap="wrap"
                style={{ gap: 8 }}
              >
                <span>
                  {runbook.lastReviewed
                    ? formatDate(runbook.lastReviewed)
                    : t('runbooks.list.neverReviewed')}
                </span>
                {runbook.stale && (
                  <StaleChip
                    lastReviewed={runbook.lastReviewed}
                    staleAfterDays={staleAfterDays}
                  />
                )}
              </Box>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
