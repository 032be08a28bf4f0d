import { useState } from 'react';
import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
} from '@backstage/core-components';
import { EntityRefLinks } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import { usePostmortemLink } from '../usePostmortemLink';
import { usePostmortems } from '../usePostmortems';
import { PostmortemText } from '../PostmortemText';
import { SeverityChip } from '../PostmortemChips';
import { RetryableError } from '../../shared/RetryableError';
import { formatDate } from '../../shared/format';
import { PageDescription } from '../../shared/PageDescription';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../../translation';

const PAGE = 20;
const MAX = 100;

/** @public */
export type RecentLearningsContentProps = {
  /** Shown above the lessons. */
  description?: string;
};

/** `Team: payments-team`: entity links after a label. */
function LabelledRefs(props: {
  label: string;
  refs: string[];
  defaultKind: string;
}) {
  return (
    <span>
      {props.label}:{' '}
      <EntityRefLinks entityRefs={props.refs} defaultKind={props.defaultKind} />
    </span>
  );
}

/**
 * Recent learnings: the lessons of the latest published postmortems across teams,
 * each with its team, services, severity and date, and a link to the postmortem.
 *
 * @public
 */
export function RecentLearningsContent(props: RecentLearningsContentProps) {
  const [limit, setLimit] = useState(PAGE);
  const { value, loading, error, retry } = usePostmortems({
    status: 'published',
    limit,
  });
  const linkTo = usePostmortemLink();
  const { t } = useTranslationRef(sreTranslationRef);

  let body;
  if (error) {
    body = <RetryableError error={error} retry={retry} />;
  } else if (!value) {
    body = <Progress />;
  } else {
    const withLessons = value.items.filter(p => p.lessons?.trim());
    body =
      withLessons.length === 0 ? (
        <EmptyState
          missing="content"
          title={t('postmortems.recentLearnings.noLessonsTitle')}
          description={t('postmortems.recentLearnings.noLessonsDescription')}
        />
      ) : (
        <Grid container spacing={3}>
          {withLessons.map(postmortem => (
            <Grid
              item
              xs={12}
              md={6}
              key={postmortem.id}
              data-testid="sre-learning"
            >
              <InfoCard
                title={<Link to={linkTo(postmortem)}>{postmortem.title}</Link>}
                subheader={
                  <Box
                    component="span"
                    display="flex"
                    alignItems="center"
                    flexWrap="wrap"
                    style={{ gap: 8 }}
                  >
                    <SeverityChip severity={postmortem.severity} />
                    <span>{formatDate(postmortem.startedAt)}</span>
                    {postmortem.ownerRefs.length > 0 && (
                      <LabelledRefs
                        label={t('postmortems.recentLearnings.team')}
                        refs={postmortem.ownerRefs}
                        defaultKind="group"
                      />
                    )}
                    <LabelledRefs
                      label={t('postmortems.recentLearnings.service')}
                      refs={postmortem.entityRefs}
                      defaultKind="component"
                    />
                  </Box>
                }
              >
                <PostmortemText text={postmortem.lessons} />
              </InfoCard>
            </Grid>
          ))}
        </Grid>
      );
  }

  const more = !!value && value.totalCount > value.items.length && limit < MAX;
  return (
    <Box data-testid="sre-recent-learnings">
      <PageDescription text={props.description} />
      {body}
      {more && (
        <Box mt={2}>
          <Button
            variant="outlined"
            disabled={loading}
            onClick={() => setLimit(l => Math.min(MAX, l + PAGE))}
          >
            {t('postmortems.recentLearnings.showOlder')}
          </Button>
        </Box>
      )}
    </Box>
  );
}
