import { ChipsInput, Section } from './formFields';
import { newLink } from './postmortemFormState';
import { RepeatableRows, RowsDescription } from './RepeatableRows';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { SreTranslate, sreTranslationRef } from '../../translation';
import { useMemo } from 'react';

function linkRows(t: SreTranslate): RowsDescription<'links'> {
  return {
    list: 'links',
    rowLabel: n => t('postmortems.form.tagsAndLinks.row', { n: String(n) }),
    removeLabel: n =>
      t('postmortems.form.tagsAndLinks.remove', { n: String(n) }),
    addLabel: t('postmortems.form.tagsAndLinks.add'),
    newRow: newLink,
    fields: [
      {
        name: 'title',
        label: t('postmortems.form.tagsAndLinks.linkTitle'),
        grow: true,
        hint: t('postmortems.form.tagsAndLinks.linkTitleHint'),
      },
      {
        name: 'url',
        label: t('postmortems.form.tagsAndLinks.url'),
        grow: true,
      },
    ],
  };
}

/** Tags to find the postmortem by, and links to the chat, tickets and documents. */
export function TagsAndLinksSection() {
  const { t } = useTranslationRef(sreTranslationRef);
  const rows = useMemo(() => linkRows(t), [t]);
  return (
    <Section title={t('postmortems.form.tagsAndLinks.title')}>
      <ChipsInput
        name="tags"
        label={t('postmortems.form.tagsAndLinks.tags')}
        hint={t('postmortems.form.tagsAndLinks.tagsHint')}
      />
      <RepeatableRows rows={rows} />
    </Section>
  );
}
