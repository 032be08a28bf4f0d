import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { alpha, makeStyles } from '@material-ui/core/styles';
import { budgetRemainingInWords } from './sloLabels';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../translation';

const useStyles = makeStyles(
  theme => ({
    root: {
      display: 'flex',
      alignItems: 'center',
      gap: theme.spacing(1),
      minWidth: 120,
    },
    track: {
      position: 'relative',
      flex: 1,
      height: 10,
      borderRadius: 5,
      overflow: 'hidden',
      backgroundColor: alpha(theme.palette.text.primary, 0.1),
    },
    compactTrack: {
      height: 6,
      borderRadius: 3,
    },
    fill: {
      height: '100%',
    },
    healthy: { backgroundColor: theme.palette.success.main },
    low: { backgroundColor: theme.palette.warning.main },
    critical: { backgroundColor: theme.palette.error.main },
    // Overspent: the whole track turns red and striped, the number says by how much.
    overspent: {
      height: '100%',
      backgroundColor: theme.palette.error.main,
      backgroundImage: `repeating-linear-gradient(45deg, transparent 0 6px, ${alpha(
        theme.palette.common.white,
        0.35,
      )} 6px 12px)`,
    },
    label: {
      whiteSpace: 'nowrap',
      fontVariantNumeric: 'tabular-nums',
      minWidth: '7.5em',
    },
    overspentLabel: {
      color: theme.palette.error.main,
      fontWeight: 700,
    },
  }),
  { name: 'SreErrorBudgetBar' },
);

function labelColour(remaining: number | null) {
  if (remaining === null) return 'textSecondary';
  // The overspent class sets the colour.
  return remaining < 0 ? 'inherit' : 'textPrimary';
}

/** @public */
export type ErrorBudgetBarProps = {
  /** 1 = untouched, 0 = exhausted, negative = overspent; null without data. */
  remaining: number | null;
  /** Thinner, for tables and compact cards. */
  compact?: boolean;
};

/**
 * The error budget left as a bar with its number: green, amber below 50%, red below
 * 20%. An overspent budget fills the bar in striped red and says by how much, so it
 * is never shown as a plain empty bar.
 *
 * @public
 */
export function ErrorBudgetBar(props: ErrorBudgetBarProps) {
  const { t } = useTranslationRef(sreTranslationRef);
  const { remaining, compact } = props;
  const classes = useStyles();
  const words = budgetRemainingInWords(t, remaining);
  const overspent = remaining !== null && remaining < 0;

  let fill = null;
  if (overspent) {
    fill = <div className={classes.overspent} />;
  } else if (remaining !== null) {
    let colour = classes.healthy;
    if (remaining < 0.2) colour = classes.critical;
    else if (remaining < 0.5) colour = classes.low;
    fill = (
      <div
        className={`${classes.fill} ${colour}`}
        style={{ width: `${Math.min(remaining, 1) * 100}%` }}
      />
    );
  }

  return (
    <Box
      className={classes.root}
      role="img"
      aria-label={t('slos.budgetBar.ariaLabel', { words })}
      data-overspent={overspent ? 'true' : undefined}
    >
      <div
        className={`${classes.track} ${compact ? classes.compactTrack : ''}`}
      >
        {fill}
      </div>
      <Typography
        variant={compact ? 'caption' : 'body2'}
        component="span"
        className={`${classes.label} ${
          overspent ? classes.overspentLabel : ''
        }`}
        color={labelColour(remaining)}
      >
        {words}
      </Typography>
    </Box>
  );
}
