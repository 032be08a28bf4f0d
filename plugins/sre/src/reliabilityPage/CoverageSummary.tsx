import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { CoverageResponse } from '@sre-catalog/backstage-plugin-sre-common';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../translation';

const useStyles = makeStyles(
  theme => ({
    tile: {
      padding: theme.spacing(2),
      height: '100%',
    },
    value: {
      fontSize: '2rem',
      fontWeight: 600,
      lineHeight: 1.2,
    },
    alarming: {
      color: theme.palette.error.main,
    },
  }),
  { name: 'SreCoverageSummary' },
);

function Tile(props: { label: string; value: number; alarm?: boolean }) {
  const { label, value, alarm } = props;
  const classes = useStyles();
  return (
    <Grid item xs={6}>
      <Paper className={classes.tile} role="group" aria-label={label}>
        <Typography
          component="div"
          className={`${classes.value} ${
            alarm && value > 0 ? classes.alarming : ''
          }`}
        >
          {value}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {label}
        </Typography>
      </Paper>
    </Grid>
  );
}

/** Four tiles: services, without SRE support, with gaps, with annotation problems. */
export function CoverageSummary(props: { totals: CoverageResponse['totals'] }) {
  const { totals } = props;
  const { t } = useTranslationRef(sreTranslationRef);
  const withoutSupport =
    totals.bySupport.none +
    totals.bySupport.undeclared +
    totals.bySupport.unstaffed;
  return (
    <Grid container spacing={2}>
      <Tile label={t('page.summary.services')} value={totals.services} />
      <Tile
        label={t('page.summary.withoutSreSupport')}
        value={withoutSupport}
        alarm
      />
      <Tile label={t('page.summary.withGaps')} value={totals.withGaps} alarm />
      <Tile
        label={t('page.summary.withProblems')}
        value={totals.withProblems}
        alarm
      />
    </Grid>
  );
}
