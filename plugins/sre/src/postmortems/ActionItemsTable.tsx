import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  ActionItem,
  ActionItemEntry,
  isHttpUrl,
} from '@sre-catalog/backstage-plugin-sre-common';
import { isOverdueActionItem } from './actionItemState';
import { ActionItemStatusChip } from './PostmortemChips';
import { formatDate } from '../shared/format';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../translation';
import { CellCaption } from '../shared/CellCaption';

/** @public */
export type ActionItemsTableProps = {
  /** Items of one postmortem, or entries across postmortems (with their postmortem). */
  items: (ActionItem | ActionItemEntry)[];
  /** For entries: the link to their postmortem; shows a Postmortem column. */
  postmortemLink?(postmortem: ActionItemEntry['postmortem']): string;
  /**
   * For narrow cards: the title with its postmortem under it, the due date and the
   * status; no owner or priority columns.
   */
  compact?: boolean;
  /** Accessible name of the table. */
  title?: string;
};

function overdueOf(item: ActionItem | ActionItemEntry): boolean {
  return 'overdue' in item ? item.overdue : isOverdueActionItem(item);
}

/**
 * Action items: title (and tracking link), owner, due date, priority and status,
 * overdue ones marked; with the postmortem each belongs to, across postmortems.
 * Compact: the title with its priority and postmortem under it, the due date and
 * the status.
 *
 * @public
 */
export function ActionItemsTable(props: ActionItemsTableProps) {
  const { t } = useTranslationRef(sreTranslationRef);
  const {
    items,
    postmortemLink,
    compact,
    title = t('postmortems.actionItemsTable.ariaLabel'),
  } = props;
  const nowrap = { whiteSpace: 'nowrap' } as const;
  const postmortemColumn = !compact && !!postmortemLink;
  return (
    <Table size="small" aria-label={title}>
      <TableHead>
        <TableRow>
          <TableCell>{t('postmortems.actionItemsTable.actionItem')}</TableCell>
          {postmortemColumn && (
            <TableCell>
              {t('postmortems.actionItemsTable.postmortem')}
            </TableCell>
          )}
          {!compact && (
            <TableCell>{t('postmortems.actionItemsTable.owner')}</TableCell>
          )}
          <TableCell>{t('postmortems.actionItemsTable.due')}</TableCell>
          {!compact && (
            <TableCell style={nowrap}>
              {t('postmortems.actionItemsTable.priority')}
            </TableCell>
          )}
          <TableCell>{t('postmortems.actionItemsTable.status')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map(item => {
          const overdue = overdueOf(item);
          const postmortem =
            postmortemLink && 'postmortem' in item ? (
              <Link to={postmortemLink(item.postmortem)}>
                {item.postmortem.title}
              </Link>
            ) : null;
          return (
            <TableRow
              key={item.id}
              data-action-item={item.id}
              data-overdue={overdue ? 'true' : undefined}
            >
              <TableCell component="th" scope="row">
                {compact
                  ? t('postmortems.actionItemsTable.compactTitle', {
                      title: item.title,
                      priority: item.priority,
                    })
                  : item.title}
                {!compact &&
                  item.trackingUrl &&
                  isHttpUrl(item.trackingUrl) && (
                    <Typography variant="caption" component="div">
                      <Link to={item.trackingUrl}>
                        {t('postmortems.actionItemsTable.tracking')}
                      </Link>
                    </Typography>
                  )}
                {compact && postmortem && (
                  <CellCaption>
                    {t('postmortems.actionItemsTable.from')} {postmortem}
                  </CellCaption>
                )}
              </TableCell>
              {postmortemColumn && <TableCell>{postmortem}</TableCell>}
              {!compact && (
                <TableCell>
                  <EntityRefLink entityRef={item.owner} defaultKind="group" />
                </TableCell>
              )}
              <TableCell style={nowrap}>
                <Typography
                  variant="body2"
                  color={overdue ? 'error' : 'inherit'}
                  component="span"
                >
                  {formatDate(item.dueDate)}
                </Typography>
              </TableCell>
              {!compact && <TableCell>{item.priority}</TableCell>}
              <TableCell style={nowrap}>
                <ActionItemStatusChip status={item.status} overdue={overdue} />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
