import { Link, WarningPanel } from '@backstage/core-components';
import {
  EntityRefLinks,
  useEntityRefLink,
} from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { useCreatePostmortemAccess } from '../usePostmortemAccess';
import { usePostmortemLink, POSTMORTEMS_TAB_PATH } from '../usePostmortemLink';
import { useRequiredPostmortems } from '../useRequiredPostmortems';
import { formatBudget } from '../postmortemLabels';
import { RetryableError } from '../../shared/RetryableError';
import { formatDateTime } from '../../shared/format';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../../translation';

/** "write one", for users who may write a postmortem about the entity (else nothing). */
function WritePostmortemLink(props: { entityRef: string }) {
  const { entityRef } = props;
  const entityLink = useEntityRefLink();
  const access = useCreatePostmortemAccess(entityRef);
  const { t } = useTranslationRef(sreTranslationRef);
  if (!access.allowed) return null;
  return (
    <>
      :{' '}
      <Link
        to={`${entityLink(entityRef).replace(
          /\/$/,
          '',
        )}/${POSTMORTEMS_TAB_PATH}/new`}
      >
        {t('postmortems.requiredPanel.writeOne')}
      </Link>
    </>
  );
}

/**
 * Incidents for which the error budget policy requires a postmortem with a P0 action
 * item and that do not have one yet, with a link to write it for those who may
 * (`sre.postmortem.create` on the entity). Renders nothing when there are none; a failed
 * load says so, since the work it lists would otherwise vanish without a word.
 *
 * @public
 */
export function RequiredPostmortemsPanel() {
  const { value, error, retry } = useRequiredPostmortems({ limit: 20 });
  const linkTo = usePostmortemLink();
  const { t } = useTranslationRef(sreTranslationRef);
  if (error) return <RetryableError error={error} retry={retry} />;
  if (!value || value.items.length === 0) return null;
  return (
    <WarningPanel
      severity="warning"
      title={t('postmortems.requiredPanel.title', {
        count: value.totalCount,
      })}
      defaultExpanded={false}
    >
      <List dense disablePadding>
        {value.items.map(entry => (
          <ListItem
            // Several SLOs of one service can burn in the same outage.
            key={[
              entry.postmortem?.id,
              entry.startedAt,
              ...entry.entityRefs,
              ...entry.impactedSlos.map(slo => slo.sloRef),
            ].join('|')}
            disableGutters
          >
            <ListItemText
              primary={
                <>
                  {formatDateTime(entry.startedAt)} —{' '}
                  <EntityRefLinks
                    entityRefs={entry.entityRefs}
                    defaultKind="component"
                  />
                  {' — '}
                  {entry.postmortem ? (
                    <Link
                      to={linkTo({
                        id: entry.postmortem.id,
                        entityRefs: entry.entityRefs,
                      })}
                    >
                      {entry.postmortem.title}
                    </Link>
                  ) : (
                    <>
                      {t('postmortems.requiredPanel.noPostmortem')}
                      <WritePostmortemLink entityRef={entry.entityRefs[0]} />
                    </>
                  )}
                </>
              }
              secondary={`${entry.impactedSlos
                .map(
                  slo => `${slo.sloRef}: ${formatBudget(slo.budgetConsumed)}`,
                )
                .join(', ')}. ${entry.reason}`}
            />
          </ListItem>
        ))}
      </List>
    </WarningPanel>
  );
}
