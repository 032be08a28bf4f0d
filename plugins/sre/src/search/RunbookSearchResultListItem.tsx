import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  RUNBOOK_SOURCES,
  SreRunbookDocument,
} from '@sre-catalog/backstage-plugin-sre-common';
import { sreTranslationRef } from '../translation';
import {
  ResultChip,
  SreSearchResultItem,
  serviceAndTeamChips,
} from './SreSearchResultItem';
import { SreSearchResultListItemProps } from './SreSearchResultListItemProps';

/**
 * A runbook in search results: its title and text, with its service, team, source,
 * the alerts it covers and whether its review is overdue.
 *
 * @public
 */
export function RunbookSearchResultListItem(
  props: SreSearchResultListItemProps,
) {
  const { t } = useTranslationRef(sreTranslationRef);
  const doc = (props.result ?? {}) as Partial<SreRunbookDocument>;
  const chips: ResultChip[] = [{ label: t('searchResult.runbook') }];
  if (doc.stale)
    chips.push({ label: t('searchResult.reviewOverdue'), warning: true });
  chips.push(...serviceAndTeamChips(t, doc));
  const source = RUNBOOK_SOURCES.find(s => s === doc.source);
  if (source) {
    chips.push({
      label: t('searchResult.source', {
        source: t(`runbooks.source.${source}`),
      }),
    });
  }
  if (doc.alerts?.length) {
    chips.push({
      label: t('searchResult.alerts', { count: doc.alerts.length }),
    });
  }
  return <SreSearchResultItem {...props} chips={chips} />;
}
