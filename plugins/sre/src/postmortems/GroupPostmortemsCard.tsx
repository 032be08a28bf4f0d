import { EmptyState, InfoCard } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useActionItems } from './useActionItems';
import { usePostmortemLibraryLink } from './usePostmortemLibraryLink';
import { usePostmortemLink } from './usePostmortemLink';
import { usePostmortems } from './usePostmortems';
import { ActionItemsTable } from './ActionItemsTable';
import { PostmortemTable } from './PostmortemTable';
import { ListPreview } from '../shared/ListPreview';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../translation';

/** @public */
export type GroupPostmortemsCardProps = {
  /** How many recent postmortems to show (5 by default). */
  limit?: number;
};

/**
 * For a Group: its overdue action items (owned by the group itself), and the
 * postmortems of the entities it owns, newest first.
 *
 * @public
 */
export function GroupPostmortemsCard(props: GroupPostmortemsCardProps) {
  const { entity } = useEntity();
  const owner = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const limit = props.limit ?? 5;
  const postmortems = usePostmortems({ owner, limit });
  // The team's items: owned by the Group or by one of its members.
  const overdue = useActionItems({ team: owner, overdue: true, limit: 50 });
  const linkTo = usePostmortemLink();
  const libraryLink = usePostmortemLibraryLink();
  const { t } = useTranslationRef(sreTranslationRef);

  return (
    <div data-testid="sre-group-postmortems-card">
      <InfoCard
        title={t('postmortems.groupCard.title')}
        subheader={t('postmortems.groupCard.subheader')}
        deepLink={
          libraryLink
            ? {
                title: t('postmortems.groupCard.openInLibrary'),
                link: libraryLink({ owner }),
              }
            : undefined
        }
      >
        <Typography variant="h6" component="h3">
          {t('postmortems.groupCard.overdueTitle')}
        </Typography>
        <ListPreview
          state={overdue}
          empty={
            <Typography variant="body2" color="textSecondary">
              {t('postmortems.groupCard.noOverdue')}
            </Typography>
          }
          more={counts => t('postmortems.groupCard.showingOverdue', counts)}
        >
          {items => (
            <ActionItemsTable
              items={items}
              postmortemLink={linkTo}
              compact
              title={t('postmortems.groupCard.overdueTableTitle')}
            />
          )}
        </ListPreview>
        <Box mt={3}>
          <Typography variant="h6" component="h3">
            {t('postmortems.groupCard.recentTitle')}
          </Typography>
          <ListPreview
            state={postmortems}
            empty={
              <EmptyState
                missing="data"
                title={t('postmortems.groupCard.noPostmortemsTitle')}
                description={t(
                  'postmortems.groupCard.noPostmortemsDescription',
                )}
              />
            }
            more={counts => t('postmortems.groupCard.latest', counts)}
          >
            {items => (
              <PostmortemTable
                postmortems={items}
                linkTo={linkTo}
                compact
                title={t('postmortems.groupCard.tableTitle')}
              />
            )}
          </ListPreview>
        </Box>
      </InfoCard>
    </div>
  );
}
