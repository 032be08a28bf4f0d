import { POSTMORTEM_LIMITS } from '@sre-catalog/backstage-plugin-sre-common';
import { Section } from './formFields';
import { newTimelineEntry } from './postmortemFormState';
import { RepeatableRows, RowsDescription } from './RepeatableRows';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { SreTranslate, sreTranslationRef } from '../../translation';
import { useMemo } from 'react';

function timelineRows(t: SreTranslate): RowsDescription<'timeline'> {
  return {
    list: 'timeline',
    rowLabel: n => t('postmortems.form.timeline.row', { n: String(n) }),
    removeLabel: n => t('postmortems.form.timeline.remove', { n: String(n) }),
    addLabel: t('postmortems.form.timeline.add'),
    newRow: newTimelineEntry,
    fields: [
      {
        name: 'at',
        label: t('postmortems.form.timeline.at'),
        kind: 'time',
        minWidth: 220,
      },
      {
        name: 'description',
        label: t('postmortems.form.timeline.whatHappened'),
        grow: true,
        inputProps: { maxLength: POSTMORTEM_LIMITS.timelineDescription },
      },
    ],
  };
}

/** What happened when. */
export function TimelineSection() {
  const { t } = useTranslationRef(sreTranslationRef);
  const rows = useMemo(() => timelineRows(t), [t]);
  return (
    <Section
      title={t('postmortems.form.timeline.title')}
      description={t('postmortems.form.timeline.description')}
    >
      <RepeatableRows rows={rows} />
    </Section>
  );
}
