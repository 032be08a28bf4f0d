import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
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

  let items;
  if (overdue.error) {
    items = <ResponseErrorPanel error={overdue.error} />;
  } else if (!overdue.value) {
    items = <Progress />;
  } else if (overdue.value.items.length === 0) {
    items = (
      <Typography variant="body2" color="textSecondary">
        No overdue action items. Well done.
      </Typography>
    );
  } else {
    items = (
      <>
        <ActionItemsTable
          items={overdue.value.items}
          postmortemLink={linkTo}
          compact
          title="Overdue action items of the team"
        />
        {overdue.value.totalCount > overdue.value.items.length && (
          <Typography variant="body2" color="textSecondary">
            Showing {overdue.value.items.length} of {overdue.value.totalCount}{' '}
            overdue action items.
          </Typography>
        )}
      </>
    );
  }

  let list;
  if (postmortems.error) {
    list = <ResponseErrorPanel error={postmortems.error} />;
  } else if (!postmortems.value) {
    list = <Progress />;
  } else if (postmortems.value.items.length === 0) {
    list = (
      <EmptyState
        missing="data"
        title="No postmortems"
        description="None of the services this team owns has a postmortem yet. Write one from the service's Incidents & postmortems tab."
      />
    );
  } else {
    list = (
      <>
        <PostmortemTable
          postmortems={postmortems.value.items}
          linkTo={linkTo}
          compact
          title="Postmortems of the team's services"
        />
        {postmortems.value.totalCount > postmortems.value.items.length && (
          <Typography variant="body2" color="textSecondary">
            The latest {postmortems.value.items.length} of{' '}
            {postmortems.value.totalCount}; the postmortem library on the SRE
            page has them all.
          </Typography>
        )}
      </>
    );
  }

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
        {items}
        <Box mt={3}>
          <Typography variant="h6" component="h3">
            Recent postmortems
          </Typography>
          {list}
        </Box>
      </InfoCard>
    </div>
  );
}
