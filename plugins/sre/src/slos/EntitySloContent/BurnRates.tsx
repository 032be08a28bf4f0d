import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { alpha, makeStyles } from '@material-ui/core/styles';
import {
  BURN_RATE_WINDOWS,
  BurnRateWindow,
  SloStatus,
} from '@sre-catalog/backstage-plugin-sre-common';
import {
  budgetPercent,
  firingWindows,
  formatBurnRate,
  formatThreshold,
} from '../sloFormat';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../../translation';

const useStyles = makeStyles(
  theme => ({
    windows: {
      display: 'flex',
      flexWrap: 'wrap',
      gap: theme.spacing(1),
      marginBottom: theme.spacing(1.5),
    },
    window: {
      minWidth: 64,
      padding: theme.spacing(0.5, 1),
      borderRadius: theme.shape.borderRadius,
      border: `1px solid ${theme.palette.divider}`,
      textAlign: 'center',
    },
    windowName: {
      fontSize: '0.75rem',
      color: theme.palette.text.secondary,
      fontWeight: 600,
    },
    rate: {
      fontVariantNumeric: 'tabular-nums',
      fontWeight: 600,
    },
    page: {
      borderColor: theme.palette.error.main,
      backgroundColor: alpha(theme.palette.error.main, 0.15),
    },
    ticket: {
      borderColor: theme.palette.warning.main,
      backgroundColor: alpha(theme.palette.warning.main, 0.15),
    },
    // Doubled classes: the theme stripes odd rows with a more specific rule.
    pageRow: {
      '&&': {
        backgroundColor: alpha(theme.palette.error.main, 0.1),
      },
    },
    ticketRow: {
      '&&': {
        backgroundColor: alpha(theme.palette.warning.main, 0.12),
      },
    },
    pageFiring: {
      color: theme.palette.error.main,
      fontWeight: 700,
    },
    ticketFiring: {
      color: theme.palette.warning.dark,
      fontWeight: 700,
    },
    above: {
      fontWeight: 700,
    },
  }),
  { name: 'SreBurnRates' },
);

function firingClass(
  rule: SloStatus['rules'][number],
  page: string,
  ticket: string,
): string | undefined {
  if (!rule.firing) return undefined;
  return rule.severity === 'page' ? page : ticket;
}

function WindowRate(props: {
  rate: number | null | undefined;
  threshold: number;
}) {
  const classes = useStyles();
  const { rate, threshold } = props;
  const above = rate !== null && rate !== undefined && rate > threshold;
  return (
    <span className={above ? classes.above : undefined}>
      {formatBurnRate(rate)}
    </span>
  );
}

/** @public */
export type BurnRatesProps = {
  slo: Pick<SloStatus, 'burnRates' | 'rules'>;
};

/**
 * The burn rate of every window (the windows of firing rules highlighted in the
 * rule's colour) and the multi-window rules with their thresholds and state.
 *
 * @public
 */
export function BurnRates(props: BurnRatesProps) {
  const { t } = useTranslationRef(sreTranslationRef);
  const { burnRates, rules } = props.slo;
  const classes = useStyles();
  const firing = firingWindows(rules);

  return (
    <Box>
      <div
        className={classes.windows}
        role="list"
        aria-label={t('slos.burnRates.listAriaLabel')}
      >
        {BURN_RATE_WINDOWS.map(window => {
          const severity = firing.get(window);
          const rate = burnRates[window as BurnRateWindow];
          return (
            <div
              key={window}
              role="listitem"
              aria-label={
                severity
                  ? t('slos.burnRates.windowFiring', {
                      window,
                      rate: formatBurnRate(rate),
                      severity,
                    })
                  : t('slos.burnRates.window', {
                      window,
                      rate: formatBurnRate(rate),
                    })
              }
              data-window={window}
              data-firing={severity}
              className={`${classes.window} ${
                severity ? classes[severity] : ''
              }`}
            >
              <div className={classes.windowName}>{window}</div>
              <div className={classes.rate}>{formatBurnRate(rate)}</div>
            </div>
          );
        })}
      </div>
      {rules.length > 0 && (
        <Table size="small" aria-label={t('slos.burnRates.rulesAriaLabel')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('slos.burnRates.alert')}</TableCell>
              <TableCell>{t('slos.burnRates.threshold')}</TableCell>
              <TableCell>{t('slos.burnRates.longWindow')}</TableCell>
              <TableCell>{t('slos.burnRates.shortWindow')}</TableCell>
              <TableCell>{t('slos.burnRates.budgetSpent')}</TableCell>
              <TableCell>{t('slos.burnRates.state')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rules.map(rule => (
              <TableRow
                key={`${rule.severity}-${rule.longWindow}-${rule.shortWindow}`}
                className={firingClass(
                  rule,
                  classes.pageRow,
                  classes.ticketRow,
                )}
                data-firing={rule.firing ? 'true' : undefined}
              >
                <TableCell>{t(`slos.alert.${rule.severity}`)}</TableCell>
                <TableCell>{formatThreshold(rule.threshold)}</TableCell>
                {[rule.longWindow, rule.shortWindow].map((window, i) => (
                  // Index keys: a rule's two windows may be the same.
                  <TableCell key={i}>
                    {window}:{' '}
                    <WindowRate
                      rate={burnRates[window as BurnRateWindow]}
                      threshold={rule.threshold}
                    />
                  </TableCell>
                ))}
                <TableCell>{budgetPercent(rule.budgetFraction)}</TableCell>
                <TableCell>
                  {rule.firing ? (
                    <Typography
                      variant="body2"
                      className={firingClass(
                        rule,
                        classes.pageFiring,
                        classes.ticketFiring,
                      )}
                    >
                      {t('slos.burnRates.firing')}
                    </Typography>
                  ) : (
                    <Typography variant="body2" color="textSecondary">
                      {t('slos.burnRates.notFiring')}
                    </Typography>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}
