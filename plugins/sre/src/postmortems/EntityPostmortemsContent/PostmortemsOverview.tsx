import { useState } from 'react';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import TextField from '@material-ui/core/TextField';
import {
  ACTION_ITEM_STATUSES,
  ActionItemStatus,
  ListActionItemsRequest,
} from '@sre-catalog/backstage-plugin-sre-common';
import { useActionItems } from '../useActionItems';
import { WriteAccess, useCreatePostmortemAccess } from '../usePostmortemAccess';
import { usePostmortems } from '../usePostmortems';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../../translation';
import { ActionItemsTable } from '../ActionItemsTable';
import { PostmortemTable } from '../PostmortemTable';
import { Pager, usePaging } from '../../shared/Pager';
import { PermittedLinkButton } from '../PermittedLinkButton';

const PAGE_SIZES = [10, 20, 50];

type ItemFilter = 'overdue' | 'all' | ActionItemStatus;

function actionItemQuery(filter: ItemFilter): ListActionItemsRequest {
  if (filter === 'overdue') return { overdue: true };
  if (filter === 'all') return {};
  return { status: filter };
}

/** The button to the form of a new postmortem, in the card header and in its empty state. */
function NewPostmortemButton(props: { basePath: string; access: WriteAccess }) {
  const { t } = useTranslationRef(sreTranslationRef);
  return (
    <PermittedLinkButton
      to={`${props.basePath}/new`}
      access={props.access}
      variant="contained"
      color="primary"
    >
      {t('postmortems.overview.newPostmortem')}
    </PermittedLinkButton>
  );
}

/** @public */
export type PostmortemsOverviewProps = {
  /** The path of the tab, e.g. `/catalog/default/component/checkout-api/postmortems`. */
  basePath: string;
};

/**
 * The first view of the "Incidents & postmortems" tab: the entity's postmortems,
 * newest first, paged, with a button to write one (disabled, with the reason, for
 * users without `sre.postmortem.create`), and the action items of those postmortems
 * filtered by state.
 *
 * @public
 */
export function PostmortemsOverview(props: PostmortemsOverviewProps) {
  const { t } = useTranslationRef(sreTranslationRef);
  const { basePath } = props;
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const paging = usePaging(PAGE_SIZES);
  const [itemFilter, setItemFilter] = useState<ItemFilter>('overdue');
  // A hint for offering the form; the backend decides on the postmortem as stored.
  const createAccess = useCreatePostmortemAccess(entityRef);
  const postmortemPath = (p: { id: string }) =>
    `${basePath}/${encodeURIComponent(p.id)}`;

  const postmortems = usePostmortems({
    entityRef,
    limit: paging.pageSize,
    offset: paging.offset,
  });
  const actionItems = useActionItems({
    entityRef,
    ...actionItemQuery(itemFilter),
    limit: 100,
  });

  let list;
  if (postmortems.error) {
    list = <ResponseErrorPanel error={postmortems.error} />;
  } else if (!postmortems.value) {
    list = <Progress />;
  } else if (postmortems.value.totalCount === 0) {
    list = (
      <EmptyState
        missing="content"
        title={t('postmortems.overview.noPostmortemsTitle')}
        description={t('postmortems.overview.noPostmortemsDescription')}
        action={
          <NewPostmortemButton basePath={basePath} access={createAccess} />
        }
      />
    );
  } else {
    list = (
      <>
        {postmortems.loading ? <LinearProgress /> : <Box height={4} />}
        <PostmortemTable
          postmortems={postmortems.value.items}
          linkTo={postmortemPath}
        />
        <Pager
          paging={paging}
          count={postmortems.value.totalCount}
          label={t('postmortems.overview.perPage')}
        />
      </>
    );
  }

  let items;
  if (actionItems.error) {
    items = <ResponseErrorPanel error={actionItems.error} />;
  } else if (!actionItems.value) {
    items = <Progress />;
  } else if (actionItems.value.items.length === 0) {
    items = (
      <EmptyState
        missing="data"
        title={
          itemFilter === 'overdue'
            ? t('postmortems.overview.noOverdue')
            : t('postmortems.overview.noneInState')
        }
        description={t('postmortems.overview.actionItemsDescription')}
      />
    );
  } else {
    items = (
      <ActionItemsTable
        items={actionItems.value.items}
        postmortemLink={postmortemPath}
        title={t('postmortems.overview.itemsTableTitle')}
      />
    );
  }

  return (
    <Grid container spacing={3} data-testid="sre-postmortems-overview">
      <Grid item xs={12}>
        <InfoCard
          title={t('postmortems.overview.title')}
          subheader={t('postmortems.overview.subheader')}
          action={
            <Box mt={1} mr={1}>
              <NewPostmortemButton basePath={basePath} access={createAccess} />
            </Box>
          }
        >
          {list}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title={t('postmortems.overview.actionItemsTitle')}
          action={
            <Box mt={1} mr={1} minWidth={180}>
              <TextField
                id="sre-entity-action-item-filter"
                select
                fullWidth
                size="small"
                variant="outlined"
                label={t('postmortems.overview.show')}
                value={itemFilter}
                SelectProps={{ native: true }}
                onChange={e => setItemFilter(e.target.value as ItemFilter)}
              >
                <option value="overdue">
                  {t('postmortems.overview.overdue')}
                </option>
                {ACTION_ITEM_STATUSES.map(status => (
                  <option key={status} value={status}>
                    {t(`postmortems.actionItemStatus.${status}`)}
                  </option>
                ))}
                <option value="all">{t('postmortems.overview.all')}</option>
              </TextField>
            </Box>
          }
        >
          {items}
        </InfoCard>
      </Grid>
    </Grid>
  );
}
