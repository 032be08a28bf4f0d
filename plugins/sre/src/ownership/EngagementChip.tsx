import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { EngagementModel } from '@sre-catalog/backstage-plugin-sre-common';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../translation';

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
  const { t } = useTranslationRef(sreTranslationRef);
  const supported = engagement !== undefined && engagement !== 'none';
  return (
    <Tooltip
      title={
        engagement
          ? t(`ownership.engagementDescription.${engagement}`)
          : t('ownership.engagementChip.undeclaredDescription')
      }
    >
      <Chip
        size="small"
        label={engagement ?? t('ownership.engagementChip.undeclared')}
        color={supported ? 'primary' : 'default'}
        variant={supported ? 'default' : 'outlined'}
      />
    </Tooltip>
  );
}
