import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  RUNBOOK_SOURCES,
  SreRunbookDocument,
} from '@sre-catalog/backstage-plugin-sre-common';
import { shortRef } from '../shared/labels';
import { sreTranslationRef } from '../translation';
import { ResultChip, SreSearchResultItem } from './SreSearchResultItem';
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
  // Indexed documents are JSON from the search engine: any field may be missing.
  const doc = props.result as Partial<SreRunbookDocument> | undefined;
  if (!doc?.title || !doc.location) return null;
  const chips: ResultChip[] = [{ label: t('searchResult.runbook') }];
  if (doc.stale)
    chips.push({ label: t('searchResult.reviewOverdue'), warning: true });
  if (doc.entityRef) {
    chips.push({
      label: t('searchResult.service', { service: shortRef(doc.entityRef) }),
    });
  }
  if (doc.owner) {
    chips.push({
      label: t('searchResult.team', { team: shortRef(doc.owner) }),
    });
  }
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
  return (
    <SreSearchResultItem
      title={doc.title}
      text={doc.text ?? ''}
      location={doc.location}
      highlight={props.highlight}
      icon={props.icon}
      chips={chips}
    />
  );
}
