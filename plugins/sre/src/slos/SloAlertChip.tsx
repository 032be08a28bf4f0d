import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import { SloStatus } from '@sre-catalog/backstage-plugin-sre-common';
import { agoInWords } from './sloLabels';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { SreTranslate, sreTranslationRef } from '../translation';

const useStyles = makeStyles(
  theme => ({
    page: {
      backgroundColor: theme.palette.error.main,
      color: theme.palette.error.contrastText,
      fontWeight: 700,
    },
    ticket: {
      backgroundColor: theme.palette.warning.main,
      color: theme.palette.warning.contrastText,
      fontWeight: 700,
    },
    ok: {
      backgroundColor: theme.palette.success.main,
      color: theme.palette.success.contrastText,
      fontWeight: 700,
    },
    unknown: {
      fontWeight: 700,
    },
    stale: {
      fontWeight: 700,
      color: theme.palette.warning.dark,
      borderColor: theme.palette.warning.dark,
    },
    large: {
      height: 36,
      fontSize: '1rem',
      padding: theme.spacing(0, 1),
    },
  }),
  { name: 'SreSloAlertChip' },
);

/** @public */
export type SloAlertChipProps = {
  slo: Pick<
    SloStatus,
    'alert' | 'dataState' | 'errorBudgetRemaining' | 'stale'
  >;
  size?: 'small' | 'large';
};

function describe(
  t: SreTranslate,
  slo: SloAlertChipProps['slo'],
): {
  label: string;
  tooltip: string;
  state: string;
} {
  const { alert, dataState } = slo;
  if (slo.stale) {
    const behind = t('slos.alertChip.behind', {
      ago: agoInWords(t, slo.stale.ageSeconds),
    });
    // Never green for numbers nobody computes any more; a firing alert stays visible.
    if (alert === 'none') {
      return {
        label: t('slos.alertChip.stale'),
        tooltip: t('slos.alertChip.staleNotFiring', { behind }),
        state: 'stale',
      };
    }
    return {
      label: t('slos.alertChip.staleAlert', {
        alert: t(`slos.alert.${alert}`),
      }),
      tooltip: t('slos.alertChip.staleAlertTooltip', {
        behind,
        description: t(`slos.alertDescription.${alert}`),
      }),
      state: alert,
    };
  }
  if (alert === 'none' && dataState === 'no-data') {
    return {
      label: t('slos.alertChip.noData'),
      tooltip: t('slos.alertChip.noDataTooltip'),
      state: 'no-data',
    };
  }
  if (dataState === 'unavailable') {
    if (alert === 'none' && slo.errorBudgetRemaining === null) {
      return {
        label: t('slos.alertChip.unknown'),
        tooltip: t('slos.alertChip.unknownTooltip'),
        state: 'unknown',
      };
    }
    return {
      label: t(`slos.alert.${alert}`),
      tooltip: t('slos.alertChip.lastKnownTooltip', {
        description: t(`slos.alertDescription.${alert}`),
      }),
      state: alert,
    };
  }
  return {
    label: t(`slos.alert.${alert}`),
    tooltip: t(`slos.alertDescription.${alert}`),
    state: alert,
  };
}

/**
 * The alert state of an SLO as a coloured chip: Page (red), Ticket (amber), OK
 * (green), No data, or Unknown when the source is down and nothing is known. A
 * stale status is never OK: it reads Stale (or Page/Ticket "(stale)").
 *
 * @public
 */
export function SloAlertChip(props: SloAlertChipProps) {
  const { t } = useTranslationRef(sreTranslationRef);
  const { slo, size = 'small' } = props;
  const classes = useStyles();
  const { label, tooltip, state } = describe(t, slo);
  const classNames: Record<string, string> = {
    page: classes.page,
    ticket: classes.ticket,
    none: classes.ok,
  };
  const known = state in classNames;
  const unknownClass = state === 'stale' ? classes.stale : classes.unknown;
  return (
    <Tooltip title={tooltip}>
      <Chip
        size="small"
        label={label}
        variant={known ? 'default' : 'outlined'}
        aria-label={t('slos.alertChip.ariaLabel', { label })}
        data-alert={state}
        data-stale={slo.stale ? 'true' : undefined}
        className={`${classNames[state] ?? unknownClass} ${
          size === 'large' ? classes.large : ''
        }`}
      />
    </Tooltip>
  );
}
