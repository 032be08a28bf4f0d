import { Fragment, ReactNode } from 'react';
import { Link } from '@backstage/core-components';
import { EntityRefLink, EntityRefLinks } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Theme, makeStyles } from '@material-ui/core/styles';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { Postmortem } from '@sre-catalog/backstage-plugin-sre-common';
import { countActionItems } from './actionItemState';
import { PostmortemStatusChip, SeverityChip } from './PostmortemChips';
import { PolicyFlag } from './PolicyFlag';
import { formatDate, formatDateTime } from '../shared/format';

import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../translation';
import { CellCaption } from '../shared/CellCaption';

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

const useStyles = makeStyles(
  theme => ({
    // Narrower gutters than the theme's small cells (20px left, 16px right), so
    // that all columns fit a laptop screen.
    table: {
      '& th, & td': {
        paddingLeft: theme.spacing(1),
        paddingRight: theme.spacing(1),
      },
      '& th:first-child, & td:first-child': {
        paddingLeft: theme.spacing(2),
      },
      '& th:last-child, & td:last-child': {
        paddingRight: theme.spacing(2),
      },
    },
    nowrap: { whiteSpace: 'nowrap' },
    // Long titles and entity names wrap, even inside a word when they must.
    title: { minWidth: 180, overflowWrap: 'anywhere' },
    // Room for most service names without a break at their hyphens.
    services: { minWidth: 140, overflowWrap: 'anywhere' },
    teams: { minWidth: 110, overflowWrap: 'anywhere' },
    tags: { minWidth: 80 },
    ref: { '& + $ref': { marginTop: theme.spacing(0.5) } },
    // A second line under the main content of a cell.
    below: { marginTop: theme.spacing(0.5), lineHeight: 1.3 },
    overdue: { fontWeight: 700 },
  }),
  { name: 'SrePostmortemTable' },
);

/**
 * How much room the table has: `wide` shows every column, `narrow` (below 1280 px)
 * puts the tags under the title and the teams under the services, `compact` (phones
 * and narrow cards) is the compact form.
 */
type Layout = 'wide' | 'narrow' | 'compact';

function useLayout(compact: boolean | undefined): Layout {
  // noSsr: match on the first render, so that narrow screens do not flash the
  // wide layout.
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'), {
    noSsr: true,
  });
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('xs'), {
    noSsr: true,
  });
  if (compact || phone) return 'compact';
  return narrow ? 'narrow' : 'wide';
}

/** "· N overdue", in the error colour, or nothing. */
function Overdue(props: { count: number; variant: 'body2' | 'caption' }) {
  const classes = useStyles();
  const { t } = useTranslationRef(sreTranslationRef);
  if (props.count === 0) return null;
  return (
    <Typography
      variant={props.variant}
      component="span"
      color="error"
      className={classes.overdue}
    >
      {' '}
      · {t('postmortems.table.overdue', { overdue: String(props.count) })}
    </Typography>
  );
}

/** The tags, comma separated, each kept on one line. */
function Tags(props: { tags: string[] }) {
  return (
    <>
      {props.tags.map((tag, i) => (
        <Fragment key={tag}>
          {i > 0 && ', '}
          <Box component="span" whiteSpace="nowrap">
            {tag}
          </Box>
        </Fragment>
      ))}
    </>
  );
}

/**
 * Entity links one under the other, for a table column: inline and comma separated
 * they wrap before the commas.
 */
function RefList(props: { refs: string[]; defaultKind: string }) {
  const classes = useStyles();
  return (
    <>
      {props.refs.map(ref => (
        <div key={ref} className={classes.ref}>
          <EntityRefLink entityRef={ref} defaultKind={props.defaultKind} />
        </div>
      ))}
    </>
  );
}

/** A secondary line under the content of a cell. */
function Below(props: { children: ReactNode }) {
  const classes = useStyles();
  return <CellCaption className={classes.below}>{props.children}</CellCaption>;
}

/** The start date, with the time as tooltip (the postmortem's page has both). */
function Started(props: { iso: string }) {
  return (
    <time dateTime={props.iso} title={formatDateTime(props.iso)}>
      {formatDate(props.iso)}
    </time>
  );
}

/**
 * Postmortems, one row each: severity, title (with the policy flag), status, start
 * date, services, optionally teams and tags, and open and overdue action items.
 * Below 1280 px the tags go under the title and the teams under the services; on
 * phones, and when `compact`: severity, the title with start, services and overdue
 * items under it, and status. Everything else is on the postmortem's page.
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
    title: titleProp,
  } = props;
  const { t } = useTranslationRef(sreTranslationRef);
  const title = titleProp ?? t('postmortems.table.ariaLabel');
  const classes = useStyles();
  const layout = useLayout(compact);
  const isCompact = layout === 'compact';
  const wide = layout === 'wide';
  return (
    <Table
      size="small"
      aria-label={title}
      className={isCompact ? undefined : classes.table}
    >
      <TableHead>
        <TableRow>
          <TableCell className={classes.nowrap}>
            {t('postmortems.table.severity')}
          </TableCell>
          <TableCell>
            {isCompact
              ? t('postmortems.table.postmortem')
              : t('postmortems.table.title')}
          </TableCell>
          <TableCell>{t('postmortems.table.status')}</TableCell>
          {!isCompact && (
            <>
              <TableCell>{t('postmortems.table.started')}</TableCell>
              <TableCell>{t('postmortems.table.services')}</TableCell>
              {wide && showTeams && (
                <TableCell>{t('postmortems.table.teams')}</TableCell>
              )}
              {wide && showTags && (
                <TableCell>{t('postmortems.table.tags')}</TableCell>
              )}
              <TableCell className={classes.nowrap}>
                {t('postmortems.table.actionItems')}
              </TableCell>
            </>
          )}
        </TableRow>
      </TableHead>
      <TableBody>
        {postmortems.map(postmortem => {
          const { open, overdue } = countActionItems(postmortem.actionItems);
          return (
            <TableRow key={postmortem.id} data-postmortem={postmortem.id}>
              <TableCell>
                <SeverityChip severity={postmortem.severity} />
              </TableCell>
              <TableCell
                component="th"
                scope="row"
                className={isCompact ? undefined : classes.title}
              >
                <Link to={linkTo(postmortem)}>{postmortem.title}</Link>
                <PolicyFlag policy={postmortem.policy} variant="icon" />
                {isCompact && (
                  <CellCaption>
                    {formatDateTime(postmortem.startedAt)} ·{' '}
                    <EntityRefLinks
                      entityRefs={postmortem.entityRefs}
                      defaultKind="component"
                    />
                    <Overdue count={overdue} variant="caption" />
                  </CellCaption>
                )}
                {layout === 'narrow' &&
                  showTags &&
                  postmortem.tags.length > 0 && (
                    <Below>
                      {t('postmortems.table.tagsBelow')}{' '}
                      <Tags tags={postmortem.tags} />
                    </Below>
                  )}
              </TableCell>
              <TableCell>
                <PostmortemStatusChip status={postmortem.status} />
              </TableCell>
              {!isCompact && (
                <>
                  <TableCell className={classes.nowrap}>
                    <Started iso={postmortem.startedAt} />
                  </TableCell>
                  <TableCell className={classes.services}>
                    <RefList
                      refs={postmortem.entityRefs}
                      defaultKind="component"
                    />
                    {layout === 'narrow' &&
                      showTeams &&
                      postmortem.ownerRefs.length > 0 && (
                        <Below>
                          {t('postmortems.table.teamsBelow', {
                            count: postmortem.ownerRefs.length,
                          })}{' '}
                          <EntityRefLinks
                            entityRefs={postmortem.ownerRefs}
                            defaultKind="group"
                          />
                        </Below>
                      )}
                  </TableCell>
                  {wide && showTeams && (
                    <TableCell className={classes.teams}>
                      <RefList
                        refs={postmortem.ownerRefs}
                        defaultKind="group"
                      />
                    </TableCell>
                  )}
                  {wide && showTags && (
                    <TableCell className={classes.tags}>
                      <Tags tags={postmortem.tags} />
                    </TableCell>
                  )}
                  <TableCell className={classes.nowrap}>
                    <Typography variant="body2" component="div">
                      {t('postmortems.table.open', { open: String(open) })}
                    </Typography>
                    {overdue > 0 && (
                      <Typography
                        variant="body2"
                        component="div"
                        color="error"
                        className={`${classes.below} ${classes.overdue}`}
                      >
                        {t('postmortems.table.overdue', {
                          overdue: String(overdue),
                        })}
                      </Typography>
                    )}
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
