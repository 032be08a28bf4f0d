import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink, EntityRefLinks } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { alpha, makeStyles } from '@material-ui/core/styles';
import { CoverageEntry } from '@sre-catalog/backstage-plugin-sre-common';
import { ReactNode, useMemo } from 'react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { SreTranslate, sreTranslationRef } from '../translation';
import { EngagementChip } from '../ownership/EngagementChip';
import { CellCaption } from '../shared/CellCaption';
import { formatDate } from '../shared/format';
import { ServiceLink } from '../shared/ServiceLink';
import { SreSupportChip } from '../ownership/SreSupportChip';

const useStyles = makeStyles(
  theme => ({
    chips: {
      display: 'flex',
      flexWrap: 'wrap',
      gap: theme.spacing(0.5),
    },
    gapChip: {
      backgroundColor: alpha(theme.palette.error.main, 0.15),
    },
    problems: {
      color: theme.palette.warning.dark,
      fontWeight: 600,
    },
    timeBoxEnded: {
      color: theme.palette.error.main,
    },
    timeBoxEnding: {
      color: theme.palette.warning.dark,
    },
  }),
  { name: 'SreCoverageTable' },
);

function includes(haystack: (string | undefined)[], needle: string): boolean {
  const term = needle.toLocaleLowerCase('en-US');
  return haystack.some(h => h?.toLocaleLowerCase('en-US').includes(term));
}

function Gaps(props: { gaps: string[] }) {
  const classes = useStyles();
  const { t } = useTranslationRef(sreTranslationRef);
  if (props.gaps.length === 0) {
    return <Typography variant="body2">{t('page.table.noGaps')}</Typography>;
  }
  return (
    <Box className={classes.chips}>
      {props.gaps.map(gap => (
        <Chip key={gap} size="small" label={gap} className={classes.gapChip} />
      ))}
    </Box>
  );
}

function Problems(props: { count: number }) {
  const classes = useStyles();
  return (
    <Typography
      variant="body2"
      className={props.count > 0 ? classes.problems : undefined}
    >
      {props.count}
    </Typography>
  );
}

function refOrDash(ref: string | undefined): ReactNode {
  return ref ? <EntityRefLink entityRef={ref} /> : '—';
}

const columnsOf = (t: SreTranslate): TableColumn<CoverageEntry>[] => [
  {
    title: t('page.table.service'),
    field: 'entityRef',
    highlight: true,
    cellStyle: { whiteSpace: 'nowrap' },
    customFilterAndSearch: (term, row) =>
      includes([row.entityRef, row.title], term),
    render: row => <ServiceLink entityRef={row.entityRef} title={row.title} />,
  },
  {
    title: t('page.table.owner'),
    field: 'owner',
    customFilterAndSearch: (term, row) => includes([row.owner], term),
    render: row => refOrDash(row.owner),
  },
  {
    title: t('page.table.system'),
    field: 'system',
    customFilterAndSearch: (term, row) => includes([row.system], term),
    render: row => refOrDash(row.system),
  },
  {
    title: t('page.table.engagement'),
    field: 'engagement',
    customFilterAndSearch: (term, row) =>
      includes(
        [row.engagement ?? t('ownership.engagementChip.undeclared')],
        term,
      ),
    render: row => (
      <>
        <EngagementChip engagement={row.engagement} />
        <TimeBoxCaption entry={row} />
      </>
    ),
  },
  {
    title: t('page.table.sreSupport'),
    field: 'sreSupport',
    customFilterAndSearch: (term, row) =>
      includes(
        [row.sreSupport, t(`ownership.support.${row.sreSupport}`)],
        term,
      ),
    render: row => <SreSupportChip support={row.sreSupport} />,
  },
  {
    title: t('page.table.sres'),
    field: 'sres',
    cellStyle: { minWidth: 180 },
    sorting: false,
    customFilterAndSearch: (term, row) => includes(row.sres, term),
    render: row =>
      row.sres.length ? <EntityRefLinks entityRefs={row.sres} /> : '—',
  },
  {
    title: t('page.table.gaps'),
    field: 'gaps',
    customSort: (a, b) => a.gaps.length - b.gaps.length,
    customFilterAndSearch: (term, row) => includes(row.gaps, term),
    render: row => <Gaps gaps={row.gaps} />,
  },
  {
    title: t('page.table.problems'),
    field: 'problemCount',
    type: 'numeric',
    render: row => <Problems count={row.problemCount} />,
  },
];

/**
 * The services of the coverage report, in the backend's order: without SRE support
 * first, then with gaps.
 */
/** When an expired or soon ending time-boxed engagement ends (only then). */
function TimeBoxCaption(props: { entry: CoverageEntry }) {
  const classes = useStyles();
  const { t } = useTranslationRef(sreTranslationRef);
  const { engagementUntil, engagementExpiry } = props.entry;
  if (!engagementUntil || engagementExpiry === 'active') return null;
  const ended = engagementExpiry === 'expired';
  const date = formatDate(engagementUntil);
  return (
    <CellCaption
      className={ended ? classes.timeBoxEnded : classes.timeBoxEnding}
    >
      {ended
        ? t('ownership.timeBox.coverageEnded', { date })
        : t('ownership.timeBox.coverageEnds', { date })}
    </CellCaption>
  );
}

export function CoverageTable(props: { services: CoverageEntry[] }) {
  const { services } = props;
  const { t } = useTranslationRef(sreTranslationRef);
  const columns = useMemo(() => columnsOf(t), [t]);
  return (
    <Table<CoverageEntry>
      title={t('page.table.title', { total: String(services.length) })}
      columns={columns}
      data={services}
      options={{
        search: true,
        paging: true,
        pageSize: 20,
        pageSizeOptions: [20, 50, 100],
        padding: 'dense',
        emptyRowsWhenPaging: false,
      }}
      emptyContent={
        <Box padding={2}>
          <Typography variant="body2">{t('page.table.noMatch')}</Typography>
        </Box>
      }
    />
  );
}
