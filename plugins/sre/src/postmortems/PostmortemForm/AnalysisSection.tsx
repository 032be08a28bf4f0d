import { POSTMORTEM_LIMITS } from '@sre-catalog/backstage-plugin-sre-common';
import { LongTextInput, Section } from './formFields';
import { newFactor } from './postmortemFormState';
import { RepeatableRows, RowsDescription } from './RepeatableRows';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { SreTranslate, sreTranslationRef } from '../../translation';
import { useMemo } from 'react';

function factorRows(t: SreTranslate): RowsDescription<'contributingFactors'> {
  return {
    list: 'contributingFactors',
    rowLabel: n => t('postmortems.form.analysis.row', { n: String(n) }),
    removeLabel: n => t('postmortems.form.analysis.remove', { n: String(n) }),
    addLabel: t('postmortems.form.analysis.add'),
    newRow: newFactor,
    fields: [
      {
        name: 'text',
        label: n => t('postmortems.form.analysis.factor', { n: String(n) }),
        grow: true,
        inputProps: { maxLength: POSTMORTEM_LIMITS.contributingFactor },
      },
    ],
  };
}

/** The blameless analysis: contributing factors, what went well and poorly, lessons. */
export function AnalysisSection() {
  const { t } = useTranslationRef(sreTranslationRef);
  const rows = useMemo(() => factorRows(t), [t]);
  return (
    <Section
      title={t('postmortems.form.analysis.title')}
      description={t('postmortems.form.analysis.description')}
    >
      <RepeatableRows rows={rows} />
      <LongTextInput
        name="wentWell"
        label={t('postmortems.form.analysis.wentWell')}
      />
      <LongTextInput
        name="wentPoorly"
        label={t('postmortems.form.analysis.wentPoorly')}
      />
      <LongTextInput
        name="lessons"
        label={t('postmortems.form.analysis.lessons')}
        hint={t('postmortems.form.analysis.lessonsHint')}
      />
    </Section>
  );
}
