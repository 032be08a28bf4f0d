import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import {
  BurnRateWindow,
  SloStatus,
} from '@sre-catalog/backstage-plugin-sre-common';
import { useSlosTabLink } from '../useSloLinks';
import { objectiveInWords, sourceInWords } from '../sloLabels';
import {
  firingWindows,
  formatBurnRate,
  formatSli,
  sloTitle,
  targetPercent,
} from '../sloFormat';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../../translation';
import { ErrorBudgetBar } from '../ErrorBudgetBar';
import { ServiceLink } from '../../shared/ServiceLink';
import { SloAlertChip } from '../SloAlertChip';
import { SloFaultNotes } from '../SloFaultNotes';
import { formatDateTime } from '../../shared/format';
import { CellCaption } from '../../shared/CellCaption';

const useStyles = makeStyles(
  theme => ({
    number: {
      whiteSpace: 'nowrap',
      fontVariantNumeric: 'tabular-nums',
    },
    scroll: {
      overflowX: 'auto',
    },
    table: {
      '& th, & td': {
        paddingLeft: theme.spacing(1),
        paddingRight: theme.spacing(1),
      },
    },
    nowrap: {
      whiteSpace: 'nowrap',
    },
    slo: {
      minWidth: 200,
    },
    budget: {
      minWidth: 180,
    },
    data: {
      minWidth: 140,
    },
    page: {
      color: theme.palette.error.main,
      fontWeight: 700,
    },
    ticket: {
      color: theme.palette.warning.dark,
      fontWeight: 700,
    },
    belowTarget: {
      color: theme.palette.error.main,
    },
    unavailable: {
      color: theme.palette.warning.dark,
      fontWeight: 600,
    },
  }),
  { name: 'SreSloReviewTable' },
);

/** The burn-rate columns of the review: fast, medium and slow burn. */
const REVIEW_WINDOWS: BurnRateWindow[] = ['1h', '6h', '3d'];

function DataState(props: { slo: SloStatus }) {
  const { t } = useTranslationRef(sreTranslationRef);
  const { slo } = props;
  const classes = useStyles();
  let state;
  if (slo.dataState === 'unavailable') {
    state = (
      <Tooltip title={slo.lastError ?? ''}>
        <span className={classes.unavailable}>
          {slo.unavailableSince
            ? t('slos.reviewTable.unavailableSince', {
                date: formatDateTime(slo.unavailableSince),
              })
            : t('slos.reviewTable.unavailable')}
        </span>
      </Tooltip>
    );
  } else if (slo.stale) {
    state = (
      <span className={classes.unavailable}>
        {t('slos.reviewTable.evaluationBehind')}
      </span>
    );
  } else if (slo.dataState === 'no-data') {
    state = <span>{t('slos.reviewTable.noDataYet')}</span>;
  } else {
    state = <span>{t('slos.reviewTable.ok')}</span>;
  }
  return (
    <>
      <Typography variant="body2">{state}</Typography>
      <Typography variant="caption" color="textSecondary">
        {sourceInWords(t, slo.source)}
      </Typography>
      <SloFaultNotes slo={slo} variant="caption" />
    </>
  );
}

/** @public */
export type SloReviewTableProps = {
  slos: SloStatus[];
};

/** One row per SLO, in the order given (the backend's: least budget left first). */
export function SloReviewTable(props: SloReviewTableProps) {
  const { t } = useTranslationRef(sreTranslationRef);
  const { slos } = props;
  const classes = useStyles();
  const tabLink = useSlosTabLink();
  return (
    <div className={classes.scroll}>
      <Table
        size="small"
        aria-label={t('slos.reviewTable.ariaLabel')}
        className={classes.table}
      >
        <TableHead>
          <TableRow>
            <TableCell>{t('slos.reviewTable.slo')}</TableCell>
            <TableCell>{t('slos.reviewTable.service')}</TableCell>
            <TableCell>{t('slos.reviewTable.alert')}</TableCell>
            <TableCell>{t('slos.reviewTable.sli')}</TableCell>
            <TableCell>{t('slos.reviewTable.errorBudget')}</TableCell>
            {REVIEW_WINDOWS.map(window => (
              <TableCell key={window} align="right" className={classes.nowrap}>
                {t('slos.reviewTable.burn', { window })}
              </TableCell>
            ))}
            <TableCell>{t('slos.reviewTable.data')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {slos.map(slo => {
            const firing = firingWindows(slo.rules);
            return (
              <TableRow key={slo.sloRef} data-slo={slo.sloRef}>
                <TableCell component="th" scope="row" className={classes.slo}>
                  <Link to={tabLink(slo.service)}>{sloTitle(slo)}</Link>
                  <CellCaption>{objectiveInWords(t, slo)}</CellCaption>
                </TableCell>
                <TableCell className={classes.nowrap}>
                  <ServiceLink entityRef={slo.service} />
                </TableCell>
                <TableCell>
                  <SloAlertChip slo={slo} />
                </TableCell>
                <TableCell className={classes.number}>
                  <span
                    className={
                      slo.sli !== null && slo.sli < slo.target
                        ? classes.belowTarget
                        : undefined
                    }
                  >
                    {formatSli(slo.sli, slo.target)}
                  </span>
                  <CellCaption>
                    {t('slos.reviewTable.target', {
                      target: targetPercent(slo.target),
                    })}
                  </CellCaption>
                </TableCell>
                <TableCell className={classes.budget}>
                  <ErrorBudgetBar
                    remaining={slo.errorBudgetRemaining}
                    compact
                  />
                </TableCell>
                {REVIEW_WINDOWS.map(window => {
                  const severity = firing.get(window);
                  return (
                    <TableCell
                      key={window}
                      align="right"
                      className={`${classes.number} ${
                        severity ? classes[severity] : ''
                      }`}
                      data-firing={severity}
                    >
                      {formatBurnRate(slo.burnRates[window])}
                    </TableCell>
                  );
                })}
                <TableCell className={classes.data}>
                  <DataState slo={slo} />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
