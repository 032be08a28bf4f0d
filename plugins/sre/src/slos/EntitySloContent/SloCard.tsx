import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { SloStatus } from '@sre-catalog/backstage-plugin-sre-common';
import {
  budgetInWords,
  noDataInWords,
  objectiveInWords,
  sourceInWords,
  timeToExhaustionInWords,
  unavailableInWords,
} from '../sloLabels';
import { formatSli, sloTitle, targetPercent } from '../sloFormat';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../../translation';
import { ErrorBudgetBar } from '../ErrorBudgetBar';
import { ServiceLink } from '../../shared/ServiceLink';
import { SloFaultNotes } from '../SloFaultNotes';
import { SloAlertChip } from '../SloAlertChip';
import { BudgetBurndownChart } from './BudgetBurndownChart';
import { BurnRates } from './BurnRates';
import { formatDateTime } from '../../shared/format';
import { Field } from '../../shared/Field';

const useStyles = makeStyles(
  theme => ({
    sli: {
      fontSize: '1.75rem',
      fontWeight: 600,
      lineHeight: 1.2,
      fontVariantNumeric: 'tabular-nums',
    },
    belowTarget: {
      color: theme.palette.error.main,
    },
    exhaustion: {
      fontWeight: 600,
    },
  }),
  { name: 'SreSloCard' },
);

/** @public */
export type SloCardProps = {
  slo: SloStatus;
  /** Name the service, e.g. on a System page that lists the SLOs of its components. */
  showService?: boolean;
};

/**
 * One SLO in full: its objective in words, alert state, SLI, error budget left (in
 * percent and in absolute terms), when the budget runs out, the burn rates against
 * the alert rules, the budget over the last 30 days and where the data comes from.
 *
 * @public
 */
export function SloCard(props: SloCardProps) {
  const { t } = useTranslationRef(sreTranslationRef);
  const { slo, showService } = props;
  const classes = useStyles();
  const objective = objectiveInWords(t, slo);
  // An unavailable source keeps the last known numbers, when there are any.
  const hasNumbers =
    slo.dataState === 'ok' ||
    (slo.dataState === 'unavailable' && slo.sli !== null);
  const absolute = budgetInWords(t, slo.budget);
  const exhaustion = timeToExhaustionInWords(t, slo);
  const belowTarget = slo.sli !== null && slo.sli < slo.target;

  return (
    <div data-testid="sre-slo-card" data-slo={slo.sloRef}>
      <InfoCard
        title={sloTitle(slo)}
        subheader={objective}
        action={
          <Box pt={1} pr={1}>
            <SloAlertChip slo={slo} size="large" />
          </Box>
        }
      >
        {slo.description && (
          <Typography variant="body2" paragraph>
            {slo.description}
          </Typography>
        )}
        <SloFaultNotes slo={slo} />
        {slo.dataState === 'no-data' && (
          <Box mb={2}>
            <Alert severity="info">{noDataInWords(t, slo)}</Alert>
          </Box>
        )}
        {slo.dataState === 'unavailable' && (
          <Box mb={2}>
            <Alert severity="warning">{unavailableInWords(t, slo)}</Alert>
          </Box>
        )}
        {hasNumbers && (
          <Grid container spacing={3}>
            <Grid item xs={12} md={5}>
              <Field label={t('slos.sloCard.sliNow')}>
                <span
                  className={`${classes.sli} ${
                    belowTarget ? classes.belowTarget : ''
                  }`}
                >
                  {formatSli(slo.sli, slo.target)}
                </span>{' '}
                <Typography
                  variant="body2"
                  color="textSecondary"
                  component="span"
                >
                  {t('slos.sloCard.target', {
                    target: targetPercent(slo.target),
                  })}
                </Typography>
              </Field>
              <Field label={t('slos.sloCard.budgetLeft')}>
                <ErrorBudgetBar remaining={slo.errorBudgetRemaining} />
                {absolute && (
                  <Typography variant="caption" color="textSecondary">
                    {absolute}
                  </Typography>
                )}
              </Field>
              {exhaustion && (
                <Field label={t('slos.sloCard.atThisPace')}>
                  <span className={classes.exhaustion}>{exhaustion}</span>
                </Field>
              )}
            </Grid>
            <Grid item xs={12} md={7}>
              <BudgetBurndownChart sloRef={slo.sloRef} />
            </Grid>
            <Grid item xs={12}>
              <Typography variant="subtitle2" gutterBottom>
                {t('slos.sloCard.burnRatesTitle')}
              </Typography>
              <BurnRates slo={slo} />
            </Grid>
          </Grid>
        )}
        <Box
          mt={2}
          display="flex"
          flexWrap="wrap"
          style={{ gap: 24 }}
          color="text.secondary"
        >
          {showService && (
            <Typography variant="caption" component="div">
              {t('slos.sloCard.service')}{' '}
              <ServiceLink entityRef={slo.service} />
            </Typography>
          )}
          <Typography variant="caption">
            {t('slos.sloCard.data', { source: sourceInWords(t, slo.source) })}
          </Typography>
          <Typography variant="caption">
            {t('slos.sloCard.budgeting', { method: slo.budgetingMethod })}
          </Typography>
          <Typography variant="caption">
            {t('slos.sloCard.evaluated', {
              date: formatDateTime(slo.evaluatedAt),
            })}
          </Typography>
        </Box>
      </InfoCard>
    </div>
  );
}
