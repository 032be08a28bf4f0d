import { Fragment } from 'react';
import { Link } from '@backstage/core-components';
import { EntityRefLinks } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Postmortem } from '@sre-catalog/backstage-plugin-sre-common';
import { countActionItems, formatDateTime } from '../../incidentLabels';
import { PostmortemStatusChip, SeverityChip } from '../PostmortemChips';
import { PolicyFlag } from './PolicyFlag';

/** @public */
export type PostmortemTableProps = {
  postmortems: Postmortem[];
  /** The page of a postmortem. */
  linkTo(postmortem: Postmortem): string;
  /** Also show the owning teams (for lists across teams). */
  showTeams?: boolean;
  /** Also show the tags. */
  showTags?: boolean;
  /**
   * For narrow cards: severity, the title with the start and services under it, and
   * the status.
   */
  compact?: boolean;
  /** Accessible name of the table. */
  title?: string;
};

/** "· N overdue", in the error colour, or nothing. */
function Overdue(props: { count: number; variant: 'body2' | 'caption' }) {
  if (props.count === 0) return null;
  return (
    <Typography
      variant={props.variant}
      component="span"
      color="error"
      style={{ fontWeight: 700 }}
    >
      {' '}
      · {props.count} overdue
    </Typography>
  );
}

/**
 * Postmortems, one row each: severity, title (with the policy flag), status, start,
 * services, optionally teams and tags, and open and overdue action items. Compact:
 * severity, the title with start, services and overdue items under it, and status.
 *
 * @public
 */
export function PostmortemTable(props: PostmortemTableProps) {
  const {
    postmortems,
    linkTo,
    showTeams,
    showTags,
    compact,
    title = 'Postmortems',
  } = props;
  const nowrap = { whiteSpace: 'nowrap' } as const;
  return (
    <Table size="small" aria-label={title}>
      <TableHead>
        <TableRow>
          <TableCell style={nowrap}>Severity</TableCell>
          <TableCell>{compact ? 'Postmortem' : 'Title'}</TableCell>
          <TableCell>Status</TableCell>
          {!compact && (
            <>
              <TableCell>Started</TableCell>
              <TableCell>Services</TableCell>
              {showTeams && <TableCell>Teams</TableCell>}
              {showTags && <TableCell>Tags</TableCell>}
              <TableCell>Action items</TableCell>
            </>
          )}
        </TableRow>
      </TableHead>
      <TableBody>
        {postmortems.map(postmortem => {
          const { open, overdue } = countActionItems(postmortem.actionItems);
          const services = (
            <EntityRefLinks
              entityRefs={postmortem.entityRefs}
              defaultKind="component"
            />
          );
          return (
            <TableRow key={postmortem.id} data-postmortem={postmortem.id}>
              <TableCell>
                <SeverityChip severity={postmortem.severity} />
              </TableCell>
              <TableCell
                component="th"
                scope="row"
                style={
                  compact
                    ? undefined
                    : { minWidth: 200, overflowWrap: 'anywhere' }
                }
              >
                <Link to={linkTo(postmortem)}>{postmortem.title}</Link>
                <PolicyFlag policy={postmortem.policy} variant="icon" />
                {compact && (
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    component="div"
                  >
                    {formatDateTime(postmortem.startedAt)} · {services}
                    <Overdue count={overdue} variant="caption" />
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                <PostmortemStatusChip status={postmortem.status} />
              </TableCell>
              {!compact && (
                <>
                  <TableCell style={nowrap}>
                    {formatDateTime(postmortem.startedAt)}
                  </TableCell>
                  <TableCell style={{ minWidth: 160 }}>{services}</TableCell>
                  {showTeams && (
                    <TableCell style={{ minWidth: 140 }}>
                      <EntityRefLinks
                        entityRefs={postmortem.ownerRefs}
                        defaultKind="group"
                      />
                    </TableCell>
                  )}
                  {showTags && (
                    <TableCell style={{ minWidth: 90 }}>
                      {postmortem.tags.map((tag, i) => (
                        <Fragment key={tag}>
                          {i > 0 && ', '}
                          <Box component="span" whiteSpace="nowrap">
                            {tag}
                          </Box>
                        </Fragment>
                      ))}
                    </TableCell>
                  )}
                  <TableCell style={nowrap}>
                    <Typography variant="body2" component="span">
                      {open} open
                    </Typography>
                    <Overdue count={overdue} variant="body2" />
                  </TableCell>
                </>
              )}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
