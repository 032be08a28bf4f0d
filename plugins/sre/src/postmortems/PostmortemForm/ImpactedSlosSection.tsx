import { POSTMORTEM_BUDGET_THRESHOLD } from '@sre-catalog/backstage-plugin-sre-common';
import { Section } from './formFields';
import { ImpactedSloDraft, newImpactedSlo } from './postmortemFormState';
import { RepeatableRows, RowsDescription } from './RepeatableRows';

/** Where an impacted SLO's budget comes from, as the form will send it. */
function budgetHelpText(slo: ImpactedSloDraft): string {
  if (slo.computed && slo.budgetPercent === slo.storedPercent) {
    return 'Computed from the SLO data';
  }
  return slo.budgetPercent.trim()
    ? 'Entered'
    : 'Empty: computed from the SLO data';
}

const SLO_ROWS: RowsDescription<'impactedSlos'> = {
  list: 'impactedSlos',
  rowName: 'impacted SLO',
  addLabel: 'Add an impacted SLO',
  newRow: newImpactedSlo,
  fields: [
    {
      name: 'sloRef',
      label: 'SLO',
      grow: true,
      hint: 'slo:default/checkout-api-availability',
    },
    {
      name: 'budgetPercent',
      label: 'Budget consumed (%)',
      kind: 'number',
      hint: budgetHelpText,
      inputProps: { min: 0, step: 0.1 },
    },
  ],
};

/** The SLOs the incident hit, with the share of the error budget it consumed. */
export function ImpactedSlosSection() {
  return (
    <Section
      title="Impacted SLOs"
      description={`The share of each SLO's error budget this incident consumed. Over ${Math.round(
        POSTMORTEM_BUDGET_THRESHOLD * 100,
      )}% on one SLO, the error budget policy asks for a P0 action item. Leave the share empty to compute it from the SLO's data for the incident window.`}
    >
      <RepeatableRows rows={SLO_ROWS} />
    </Section>
  );
}
