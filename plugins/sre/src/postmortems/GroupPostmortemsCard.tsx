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
import { AsyncContent } from '../shared/AsyncContent';

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

  return (
    <div data-testid="sre-group-postmortems-card">
      <InfoCard
        title="Postmortems and action items"
        subheader="Overdue follow-ups of the team, and the latest postmortems of its services"
        deepLink={
          libraryLink
            ? {
                title: 'Open in the postmortem library',
                link: libraryLink({ owner }),
              }
            : undefined
        }
      >
        <Typography variant="h6" component="h3">
          Overdue action items
        </Typography>
        <AsyncContent state={overdue}>
          {value =>
            value.items.length === 0 ? (
              <Typography variant="body2" color="textSecondary">
                No overdue action items. Well done.
              </Typography>
            ) : (
              <>
                <ActionItemsTable
                  items={value.items}
                  postmortemLink={linkTo}
                  compact
                  title="Overdue action items of the team"
                />
                {value.totalCount > value.items.length && (
                  <Typography variant="body2" color="textSecondary">
                    Showing {value.items.length} of {value.totalCount} overdue
                    action items.
                  </Typography>
                )}
              </>
            )
          }
        </AsyncContent>
        <Box mt={3}>
          <Typography variant="h6" component="h3">
            Recent postmortems
          </Typography>
          <AsyncContent state={postmortems}>
            {value =>
              value.items.length === 0 ? (
                <EmptyState
                  missing="data"
                  title="No postmortems"
                  description="None of the services this team owns has a postmortem yet. Write one from the service's Incidents & postmortems tab."
                />
              ) : (
                <>
                  <PostmortemTable
                    postmortems={value.items}
                    linkTo={linkTo}
                    compact
                    title="Postmortems of the team's services"
                  />
                  {value.totalCount > value.items.length && (
                    <Typography variant="body2" color="textSecondary">
                      The latest {value.items.length} of {value.totalCount}; the
                      postmortem library on the SRE page has them all.
                    </Typography>
                  )}
                </>
              )
            }
          </AsyncContent>
        </Box>
      </InfoCard>
    </div>
  );
}
