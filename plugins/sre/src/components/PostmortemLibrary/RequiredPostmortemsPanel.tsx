import { Link, WarningPanel } from '@backstage/core-components';
import {
  EntityRefLinks,
  useEntityRefLink,
} from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import {
  usePostmortemLink,
  useRequiredPostmortems,
} from '../../hooks/incidents';
import { POSTMORTEMS_TAB_PATH } from '../../hooks/incidents/usePostmortemLink';
import { formatBudget, formatDateTime } from '../../incidentLabels';

/**
 * Incidents for which the error budget policy requires a postmortem with a P0 action
 * item and that do not have one yet. Renders nothing when there are none, or when
 * they cannot be loaded (the library itself shows the errors).
 *
 * @public
 */
export function RequiredPostmortemsPanel() {
  const { value } = useRequiredPostmortems({ limit: 20 });
  const linkTo = usePostmortemLink();
  const entityLink = useEntityRefLink();
  if (!value || value.items.length === 0) return null;
  return (
    <WarningPanel
      severity="warning"
      title={`${value.totalCount} incident${
        value.totalCount === 1 ? '' : 's'
      } without the postmortem (or its P0 action item) the error budget policy asks for`}
      defaultExpanded={false}
    >
      <List dense disablePadding>
        {value.items.map(entry => (
          <ListItem
            key={`${entry.startedAt}|${entry.entityRefs.join(',')}`}
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
                      no postmortem yet:{' '}
                      <Link
                        to={`${entityLink(entry.entityRefs[0]).replace(
                          /\/$/,
                          '',
                        )}/${POSTMORTEMS_TAB_PATH}/new`}
                      >
                        write one
                      </Link>
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
