import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { SrePostmortemDocument } from '@sre-catalog/backstage-plugin-sre-common';
import { formatDate } from '../shared/format';
import { shortRef } from '../shared/labels';
import { sreTranslationRef } from '../translation';
import { ResultChip, SreSearchResultItem } from './SreSearchResultItem';
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
  // Indexed documents are JSON from the search engine: any field may be missing.
  const doc = props.result as Partial<SrePostmortemDocument> | undefined;
  if (!doc?.title || !doc.location) return null;
  const chips: ResultChip[] = [{ label: t('searchResult.postmortem') }];
  if (doc.severity) {
    chips.push({
      label: t('searchResult.severity', { severity: doc.severity }),
      warning: doc.severity === 'SEV1',
    });
  }
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
  if (doc.startedAt) {
    chips.push({
      label: t('searchResult.started', { date: formatDate(doc.startedAt) }),
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
