import { POSTMORTEM_BUDGET_THRESHOLD } from '@sre-catalog/backstage-plugin-sre-common';
import { Section } from './formFields';
import { ImpactedSloDraft, newImpactedSlo } from './postmortemFormState';
import { RepeatableRows, RowsDescription } from './RepeatableRows';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { SreTranslate, sreTranslationRef } from '../../translation';
import { useMemo } from 'react';

/** Where an impacted SLO's budget comes from, as the form will send it. */
function budgetHelpText(t: SreTranslate, slo: ImpactedSloDraft): string {
  if (slo.computed && slo.budgetPercent === slo.storedPercent) {
    return t('postmortems.form.impactedSlos.computed');
  }
  return slo.budgetPercent.trim()
    ? t('postmortems.form.impactedSlos.entered')
    : t('postmortems.form.impactedSlos.emptyComputed');
}

function sloRows(t: SreTranslate): RowsDescription<'impactedSlos'> {
  return {
    list: 'impactedSlos',
    rowLabel: n => t('postmortems.form.impactedSlos.row', { n: String(n) }),
    removeLabel: n =>
      t('postmortems.form.impactedSlos.remove', { n: String(n) }),
    addLabel: t('postmortems.form.impactedSlos.add'),
    newRow: newImpactedSlo,
    fields: [
      {
        name: 'sloRef',
        label: t('postmortems.form.impactedSlos.slo'),
        grow: true,
        hint: 'slo:default/checkout-api-availability',
      },
      {
        name: 'budgetPercent',
        label: t('postmortems.form.impactedSlos.budget'),
        kind: 'number',
        hint: slo => budgetHelpText(t, slo),
        inputProps: { min: 0, step: 0.1 },
      },
    ],
  };
}

/** The SLOs the incident hit, with the share of the error budget it consumed. */
export function ImpactedSlosSection() {
  const { t } = useTranslationRef(sreTranslationRef);
  const rows = useMemo(() => sloRows(t), [t]);
  return (
    <Section
      title={t('postmortems.form.impactedSlos.title')}
      description={t('postmortems.form.impactedSlos.description', {
        threshold: String(Math.round(POSTMORTEM_BUDGET_THRESHOLD * 100)),
      })}
    >
      <RepeatableRows rows={rows} />
    </Section>
  );
}
