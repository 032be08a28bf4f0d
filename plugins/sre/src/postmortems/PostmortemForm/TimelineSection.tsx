import { POSTMORTEM_LIMITS } from '@sre-catalog/backstage-plugin-sre-common';
import { Section } from './formFields';
import { newTimelineEntry } from './postmortemFormState';
import { RepeatableRows, RowsDescription } from './RepeatableRows';

const TIMELINE_ROWS: RowsDescription<'timeline'> = {
  list: 'timeline',
  rowName: 'timeline entry',
  addLabel: 'Add a timeline entry',
  newRow: newTimelineEntry,
  fields: [
    { name: 'at', label: 'At', kind: 'time', minWidth: 220 },
    {
      name: 'description',
      label: 'What happened',
      grow: true,
      inputProps: { maxLength: POSTMORTEM_LIMITS.timelineDescription },
    },
  ],
};

/** What happened when. */
export function TimelineSection() {
  return (
    <Section
      title="Timeline"
      description="What happened when: first signal, alert, escalation, mitigation, resolution."
    >
      <RepeatableRows rows={TIMELINE_ROWS} />
    </Section>
  );
}
