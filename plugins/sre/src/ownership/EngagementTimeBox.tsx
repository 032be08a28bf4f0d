import Alert from '@material-ui/lab/Alert';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  ANNOTATION_ENGAGEMENT,
  ANNOTATION_ENGAGEMENT_THEN,
  ANNOTATION_ENGAGEMENT_UNTIL,
  Ownership,
  engagementDaysLeft,
} from '@sre-catalog/backstage-plugin-sre-common';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { SreTranslate, sreTranslationRef } from '../translation';
import { formatDate } from '../shared/format';

export type EngagementTimeBoxProps = {
  ownership: Ownership;
  /** The day the days left are counted from; today by default. */
  now?: Date;
};

/** `in 10 days`, `today` (the last day) or `14 days ago`. */
function relativeDays(t: SreTranslate, daysLeft: number): string {
  if (daysLeft === 0) return t('ownership.timeBox.today');
  if (daysLeft > 0) return t('ownership.timeBox.inDays', { count: daysLeft });
  return t('ownership.timeBox.daysAgo', { count: -daysLeft });
}

/**
 * When a service's SRE engagement is time-boxed (`sre-catalog.io/engagement-until`):
 * when it ends and what follows, as a caption while it is `active`, a warning while
 * it is `expiring` and an error once it is `expired` with annotations that still
 * name it. Renders nothing without a time box.
 */
export function EngagementTimeBox(props: EngagementTimeBoxProps) {
  const {
    engagement,
    engagementUntil: until,
    engagementThen: then,
    engagementExpiry: expiry,
  } = props.ownership;
  const { t } = useTranslationRef(sreTranslationRef);
  if (!until || !expiry) return null;
  const daysLeft = engagementDaysLeft(until, props.now ?? new Date());
  if (daysLeft === undefined) return null;

  const date = formatDate(until);
  const relative = relativeDays(t, daysLeft);
  const model = engagement ?? t('ownership.engagementChip.undeclared');

  if (expiry === 'expired') {
    const annotations = {
      date,
      relative,
      engagement: model,
      engagementAnnotation: <code>{ANNOTATION_ENGAGEMENT}</code>,
      untilAnnotation: <code>{ANNOTATION_ENGAGEMENT_UNTIL}</code>,
    };
    return (
      <Box mt={1}>
        <Alert severity="error" data-testid="sre-engagement-time-box">
          {then
            ? t('ownership.timeBox.ended', { ...annotations, then })
            : t('ownership.timeBox.endedWithoutThen', annotations)}
        </Alert>
      </Box>
    );
  }

  const text = then
    ? t('ownership.timeBox.ends', {
        engagement: model,
        date,
        relative,
        then: then === 'none' ? t('ownership.timeBox.thenNone') : then,
      })
    : t('ownership.timeBox.endsWithoutThen', {
        engagement: model,
        date,
        relative,
        thenAnnotation: ANNOTATION_ENGAGEMENT_THEN,
      });
  if (expiry === 'expiring') {
    return (
      <Box mt={1}>
        <Alert severity="warning" data-testid="sre-engagement-time-box">
          {text}
        </Alert>
      </Box>
    );
  }
  return (
    <Typography
      variant="caption"
      component="p"
      color="textSecondary"
      data-testid="sre-engagement-time-box"
    >
      {text}
    </Typography>
  );
}
