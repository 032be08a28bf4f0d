import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import {
  ENGAGEMENT_DESCRIPTIONS,
  EngagementModel,
} from '@sre-catalog/backstage-plugin-sre-common';

/** @public */
export type EngagementChipProps = {
  /** Undefined shows as "undeclared". */
  engagement?: EngagementModel;
};

/**
 * The engagement model of a service as a chip, explained in its tooltip.
 *
 * @public
 */
export function EngagementChip(props: EngagementChipProps) {
  const { engagement } = props;
  const supported = engagement !== undefined && engagement !== 'none';
  return (
    <Tooltip
      title={
        engagement
          ? ENGAGEMENT_DESCRIPTIONS[engagement]
          : 'No engagement model declared on the service or its System.'
      }
    >
      <Chip
        size="small"
        label={engagement ?? 'undeclared'}
        color={supported ? 'primary' : 'default'}
        variant={supported ? 'default' : 'outlined'}
      />
    </Tooltip>
  );
}
