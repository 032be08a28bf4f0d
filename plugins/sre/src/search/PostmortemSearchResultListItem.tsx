import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { SrePostmortemDocument } from '@sre-catalog/backstage-plugin-sre-common';
import { formatDate } from '../shared/format';
import { sreTranslationRef } from '../translation';
import {
  ResultChip,
  SreSearchResultItem,
  serviceAndTeamChips,
} from './SreSearchResultItem';
import { SreSearchResultListItemProps } from './SreSearchResultListItemProps';

/**
 * A published postmortem in search results: its title and summary, with its severity,
 * service, team and start.
 *
 * @public
 */
export function PostmortemSearchResultListItem(
  props: SreSearchResultListItemProps,
) {
  const { t } = useTranslationRef(sreTranslationRef);
  const doc = (props.result ?? {}) as Partial<SrePostmortemDocument>;
  const chips: ResultChip[] = [{ label: t('searchResult.postmortem') }];
  if (doc.severity) {
    chips.push({
      label: t('searchResult.severity', { severity: doc.severity }),
      warning: doc.severity === 'SEV1',
    });
  }
  chips.push(...serviceAndTeamChips(t, doc));
  if (doc.startedAt) {
    chips.push({
      label: t('searchResult.started', { date: formatDate(doc.startedAt) }),
    });
  }
  return <SreSearchResultItem {...props} chips={chips} />;
}
