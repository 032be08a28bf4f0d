import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(
  theme => ({
    stale: {
      backgroundColor: theme.palette.warning.main,
      color: theme.palette.warning.contrastText,
      fontWeight: 700,
    },
  }),
  { name: 'SreRunbookStaleChip' },
);

/** @public */
export type StaleChipProps = {
  lastReviewed: string | null;
  staleAfterDays: number;
};

/** "Stale" in amber, with why as a tooltip. */
export function StaleChip(props: StaleChipProps) {
  const classes = useStyles();
  const why = props.lastReviewed
    ? `Last reviewed on ${props.lastReviewed}, more than ${props.staleAfterDays} days ago.`
    : 'Never reviewed: nobody can tell whether it still matches the service.';
  return (
    <Tooltip title={why}>
      <Chip
        size="small"
        label="Stale"
        className={classes.stale}
        aria-label={`Stale: ${why}`}
      />
    </Tooltip>
  );
}
