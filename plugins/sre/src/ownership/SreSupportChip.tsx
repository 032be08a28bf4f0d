import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { alpha, makeStyles } from '@material-ui/core/styles';
import { SreSupport } from '@sre-catalog/backstage-plugin-sre-common';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../translation';

const useStyles = makeStyles(
  theme => ({
    supported: {
      backgroundColor: alpha(theme.palette.success.main, 0.15),
      color: theme.palette.text.primary,
    },
    lacking: {
      backgroundColor: alpha(theme.palette.error.main, 0.15),
      color: theme.palette.text.primary,
    },
  }),
  { name: 'SreSupportChip' },
);

/** @public */
export type SreSupportChipProps = {
  support: SreSupport;
};

/**
 * Whether a service has SRE support, as a coloured chip with its explanation.
 *
 * @public
 */
export function SreSupportChip(props: SreSupportChipProps) {
  const { support } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(sreTranslationRef);
  return (
    <Tooltip title={t(`ownership.supportDescription.${support}`)}>
      <Chip
        size="small"
        label={t(`ownership.support.${support}`)}
        className={
          support === 'supported' ? classes.supported : classes.lacking
        }
      />
    </Tooltip>
  );
}
