import { POSTMORTEM_LIMITS } from '@sre-catalog/backstage-plugin-sre-common';
import { LongTextInput, Section } from './formFields';
import { newFactor } from './postmortemFormState';
import { RepeatableRows, RowsDescription } from './RepeatableRows';

const FACTOR_ROWS: RowsDescription<'contributingFactors'> = {
  list: 'contributingFactors',
  rowName: 'contributing factor',
  addLabel: 'Add a contributing factor',
  newRow: newFactor,
  fields: [
    {
      name: 'text',
      label: n => `Contributing factor ${n}`,
      grow: true,
      inputProps: { maxLength: POSTMORTEM_LIMITS.contributingFactor },
    },
  ],
};

/** The blameless analysis: contributing factors, what went well and poorly, lessons. */
export function AnalysisSection() {
  return (
    <Section
      title="Analysis"
      description="Blameless: describe how the system and its processes made the failure possible, not who made a mistake."
    >
      <RepeatableRows rows={FACTOR_ROWS} />
      <LongTextInput name="wentWell" label="What went well" />
      <LongTextInput name="wentPoorly" label="What went poorly" />
      <LongTextInput
        name="lessons"
        label="Lessons"
        hint="What other teams should know; shown in the recent learnings. Markdown; HTML is not rendered"
      />
    </Section>
  );
}
