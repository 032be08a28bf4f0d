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

/**
 * What happened: title, severity, status, services, when, the summary; the full
 * template adds the other times and the impact.
 */
export function IncidentSection(props: { full: boolean }) {
  const { t } = useTranslationRef(sreTranslationRef);
  const { full } = props;
  return (
    <Section title="Incident">
      <Grid container spacing={1}>
        <Grid item xs={12} md={8}>
          <TextInput
            fullWidth
            name="title"
            label="Title"
            required
            hint='What happened, e.g. "Checkout 5xx after deploy"'
            inputProps={{ maxLength: POSTMORTEM_LIMITS.title }}
          />
        </Grid>
        <Grid item xs={6} md={2}>
          <SelectInput
            name="severity"
            label="Severity"
            required
            options={POSTMORTEM_SEVERITIES}
            placeholder="Choose…"
            hint={severity =>
              severity ? t(`postmortems.severityDescription.${severity}`) : ''
            }
          />
        </Grid>
        <Grid item xs={6} md={2}>
          <SelectInput
            name="status"
            label="Status"
            options={POSTMORTEM_STATUSES}
            optionLabel={status => t(`postmortems.status.${status}`)}
            hint={status =>
              status === 'published'
                ? 'Shown in the library and search'
                : undefined
            }
          />
        </Grid>
        <Grid item xs={12} md={8}>
          <ChipsInput
            name="entityRefs"
            label="Services"
            required
            hint="Affected catalog entities, e.g. component:default/checkout-api; Enter adds one"
          />
        </Grid>
        <Grid item xs={12} md={4}>
          <TimeInput name="startedAt" label="Started at" required />
        </Grid>
        {full && (
          <>
            <Grid item xs={12} md={4}>
              <TimeInput name="detectedAt" label="Detected at" required />
            </Grid>
            <Grid item xs={12} md={4}>
              <TimeInput name="mitigatedAt" label="Mitigated at" />
            </Grid>
            <Grid item xs={12} md={4}>
              <TimeInput name="resolvedAt" label="Resolved at" required />
            </Grid>
          </>
        )}
        <Grid item xs={12}>
          <LongTextInput
            name="summary"
            label="Summary"
            required
            hint="What happened and how it was fixed, in a few sentences. Markdown; HTML is not rendered"
          />
        </Grid>
        {full && (
          <Grid item xs={12}>
            <LongTextInput
              name="impact"
              label="Impact"
              required
              hint="Who noticed what, for how long; orders, users or requests affected"
            />
          </Grid>
        )}
      </Grid>
    </Section>
  );
}
