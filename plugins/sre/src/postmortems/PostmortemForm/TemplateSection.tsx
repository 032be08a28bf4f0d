import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useController, useFormContext } from 'react-hook-form';
import { PostmortemTemplate } from '@sre-catalog/backstage-plugin-sre-common';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../../translation';
import { Section } from './formFields';
import { PostmortemFormState } from './postmortemFormState';

/** The choice of the template, when writing a new postmortem. */
function TemplateChoice() {
  const { t } = useTranslationRef(sreTranslationRef);
  const { field } = useController<PostmortemFormState, 'template'>({
    name: 'template',
  });
  return (
    <Section title={t('postmortems.form.template.title')}>
      <RadioGroup
        row
        aria-label={t('postmortems.form.template.title')}
        value={field.value}
        onChange={e => field.onChange(e.target.value as PostmortemTemplate)}
      >
        <FormControlLabel
          value="quick"
          control={<Radio color="primary" />}
          label={t('postmortems.form.template.quick')}
        />
        <FormControlLabel
          value="full"
          control={<Radio color="primary" />}
          label={t('postmortems.form.template.full')}
        />
      </RadioGroup>
    </Section>
  );
}

/**
 * The template of the postmortem: chosen when it is new; when editing, a quick one
 * can be expanded into a full one, which cannot become quick again once saved.
 */
export function TemplateSection(props: {
  mode: 'create' | 'edit';
  template: PostmortemTemplate;
  storedTemplate?: PostmortemTemplate;
}) {
  const { t } = useTranslationRef(sreTranslationRef);
  const { mode, template, storedTemplate } = props;
  const { setValue } = useFormContext<PostmortemFormState>();
  if (mode === 'create') return <TemplateChoice />;
  if (template === 'quick') {
    return (
      <Box mb={2} display="flex" alignItems="center" style={{ gap: 16 }}>
        <Typography variant="body2">
          {t('postmortems.form.template.quickNote')}
        </Typography>
        <Button
          variant="outlined"
          color="primary"
          onClick={() => setValue('template', 'full')}
        >
          {t('postmortems.form.template.expand')}
        </Button>
      </Box>
    );
  }
  if (storedTemplate !== 'quick') return null;
  return (
    <Box mb={2}>
      <Alert
        severity="info"
        action={
          <Button color="inherit" onClick={() => setValue('template', 'quick')}>
            {t('postmortems.form.template.keepQuick')}
          </Button>
        }
      >
        {t('postmortems.form.template.expanding', {
          full: t('postmortems.template.full'),
        })}
      </Alert>
    </Box>
  );
}
