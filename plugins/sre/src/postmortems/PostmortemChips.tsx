import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import {
  ActionItemStatus,
  PostmortemSeverity,
  PostmortemStatus,
} from '@sre-catalog/backstage-plugin-sre-common';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../translation';

const useStyles = makeStyles(
  theme => ({
    SEV1: {
      backgroundColor: theme.palette.error.dark,
      color: theme.palette.error.contrastText,
      fontWeight: 700,
    },
    SEV2: {
      backgroundColor: theme.palette.error.main,
      color: theme.palette.error.contrastText,
      fontWeight: 700,
    },
    SEV3: {
      backgroundColor: theme.palette.warning.main,
      color: theme.palette.warning.contrastText,
      fontWeight: 700,
    },
    SEV4: {
      fontWeight: 700,
    },
    published: {
      backgroundColor: theme.palette.success.main,
      color: theme.palette.success.contrastText,
    },
    overdue: {
      backgroundColor: theme.palette.error.main,
      color: theme.palette.error.contrastText,
      fontWeight: 700,
    },
  }),
  { name: 'SrePostmortemChips' },
);

/** @public */
export type SeverityChipProps = {
  severity: PostmortemSeverity;
};

/**
 * An incident severity as a chip: SEV1 dark red, SEV2 red, SEV3 amber, SEV4 grey,
 * with what the level means as a tooltip.
 *
 * @public
 */
export function SeverityChip(props: SeverityChipProps) {
  const { t } = useTranslationRef(sreTranslationRef);
  const classes = useStyles();
  return (
    <Tooltip title={t(`postmortems.severityDescription.${props.severity}`)}>
      <Chip
        size="small"
        label={props.severity}
        aria-label={t('postmortems.severityChip.ariaLabel', {
          severity: props.severity,
        })}
        data-severity={props.severity}
        className={classes[props.severity]}
      />
    </Tooltip>
  );
}

/** @public */
export type PostmortemStatusChipProps = {
  status: PostmortemStatus;
};

/**
 * The review state of a postmortem: Draft and In review outlined, Published green.
 *
 * @public
 */
export function PostmortemStatusChip(props: PostmortemStatusChipProps) {
  const { t } = useTranslationRef(sreTranslationRef);
  const classes = useStyles();
  const published = props.status === 'published';
  return (
    <Chip
      size="small"
      label={t(`postmortems.status.${props.status}`)}
      variant={published ? 'default' : 'outlined'}
      className={published ? classes.published : undefined}
      data-status={props.status}
    />
  );
}

/** @public */
export type ActionItemStatusChipProps = {
  status: ActionItemStatus;
  overdue?: boolean;
};

/**
 * The state of an action item, and "Overdue" in red next to it when it is.
 *
 * @public
 */
export function ActionItemStatusChip(props: ActionItemStatusChipProps) {
  const { t } = useTranslationRef(sreTranslationRef);
  const classes = useStyles();
  return (
    <>
      <Chip
        size="small"
        variant="outlined"
        label={t(`postmortems.actionItemStatus.${props.status}`)}
      />
      {props.overdue && (
        <Chip
          size="small"
          label={t('postmortems.actionItemStatusChip.overdue')}
          className={classes.overdue}
        />
      )}
    </>
  );
}
