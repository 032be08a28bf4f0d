import Grid from '@material-ui/core/Grid';
import {
  POSTMORTEM_LIMITS,
  POSTMORTEM_SEVERITIES,
  POSTMORTEM_STATUSES,
} from '@sre-catalog/backstage-plugin-sre-common';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../../translation';
import {
  ChipsInput,
  LongTextInput,
  Section,
  SelectInput,
  TextInput,
  TimeInput,
} from './formFields';

/** The incident's times, each labelled as its field is named. */
type IncidentTime = 'startedAt' | 'detectedAt' | 'mitigatedAt' | 'resolvedAt';

/** One of the incident's times, a third of the row on wide screens. */
function TimeItem(props: { name: IncidentTime; required?: boolean }) {
  const { t } = useTranslationRef(sreTranslationRef);
  return (
    <Grid item xs={12} md={4}>
      <TimeInput
        name={props.name}
        label={t(`postmortems.form.incident.${props.name}`)}
        required={props.required}
      />
    </Grid>
  );
}

/** One of the incident's required Markdown texts, labelled and hinted by its name. */
function TextItem(props: { name: 'summary' | 'impact' }) {
  const { t } = useTranslationRef(sreTranslationRef);
  return (
    <Grid item xs={12}>
      <LongTextInput
        name={props.name}
        label={t(`postmortems.form.incident.${props.name}`)}
        required
        hint={t(`postmortems.form.incident.${props.name}Hint`)}
      />
    </Grid>
  );
}

/**
 * What happened: title, severity, status, services, when, the summary; the full
 * template adds the other times and the impact.
 */
export function IncidentSection(props: { full: boolean }) {
  const { t } = useTranslationRef(sreTranslationRef);
  const { full } = props;
  return (
    <Section title={t('postmortems.form.incident.title')}>
      <Grid container spacing={1}>
        <Grid item xs={12} md={8}>
          <TextInput
            fullWidth
            name="title"
            label={t('postmortems.form.incident.titleLabel')}
            required
            hint={t('postmortems.form.incident.titleHint')}
            inputProps={{ maxLength: POSTMORTEM_LIMITS.title }}
          />
        </Grid>
        <Grid item xs={6} md={2}>
          <SelectInput
            name="severity"
            label={t('postmortems.form.incident.severity')}
            required
            options={POSTMORTEM_SEVERITIES}
            placeholder={t('postmortems.form.incident.choose')}
            hint={severity =>
              severity ? t(`postmortems.severityDescription.${severity}`) : ''
            }
          />
        </Grid>
        <Grid item xs={6} md={2}>
          <SelectInput
            name="status"
            label={t('postmortems.form.incident.status')}
            options={POSTMORTEM_STATUSES}
            optionLabel={status => t(`postmortems.status.${status}`)}
            hint={status =>
              status === 'published'
                ? t('postmortems.form.incident.publishedHint')
                : undefined
            }
          />
        </Grid>
        <Grid item xs={12} md={8}>
          <ChipsInput
            name="entityRefs"
            label={t('postmortems.form.incident.services')}
            required
            hint={t('postmortems.form.incident.servicesHint', {
              example: 'component:default/checkout-api',
            })}
          />
        </Grid>
        <TimeItem name="startedAt" required />
        {full && (
          <>
            <TimeItem name="detectedAt" required />
            <TimeItem name="mitigatedAt" />
            <TimeItem name="resolvedAt" required />
          </>
        )}
        <TextItem name="summary" />
        {full && <TextItem name="impact" />}
      </Grid>
    </Section>
  );
}
