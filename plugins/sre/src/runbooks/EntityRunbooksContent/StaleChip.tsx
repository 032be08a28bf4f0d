import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../../translation';

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
  const { t } = useTranslationRef(sreTranslationRef);
  const why = props.lastReviewed
    ? t('runbooks.staleChip.lastReviewed', {
        date: props.lastReviewed,
        days: String(props.staleAfterDays),
      })
    : t('runbooks.staleChip.neverReviewed');
  return (
    <Tooltip title={why}>
      <Chip
        size="small"
        label={t('runbooks.staleChip.label')}
        className={classes.stale}
        aria-label={t('runbooks.staleChip.ariaLabel', { why })}
      />
    </Tooltip>
  );
}
