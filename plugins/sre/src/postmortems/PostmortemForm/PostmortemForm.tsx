import { FormEvent, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import {
  CreatePostmortemRequest,
  PostmortemTemplate,
} from '@sre-catalog/backstage-plugin-sre-common';
import { FieldError, fieldErrorOf } from '../postmortemErrors';
import { ActionItemsSection } from './ActionItemsSection';
import { AnalysisSection } from './AnalysisSection';
import { ImpactedSlosSection } from './ImpactedSlosSection';
import { IncidentSection } from './IncidentSection';
import {
  PostmortemFormState,
  buildPostmortemRequest,
} from './postmortemFormState';
import {
  createPostmortemFormResolver,
  formPathOf,
} from './postmortemFormResolver';
import { FailureAlert, ProblemsAlert } from './SubmitAlerts';
import { TagsAndLinksSection } from './TagsAndLinksSection';
import { TemplateSection } from './TemplateSection';
import { TimelineSection } from './TimelineSection';
import { FormPath } from './formFields';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../../translation';

/** @public */
export type PostmortemFormProps = {
  /** The form's starting values: `emptyFormState(...)` or `formStateOf(postmortem)`. */
  initialState: PostmortemFormState;
  /**
   * `create`: the template can be chosen; `edit`: a quick postmortem can be expanded
   * into a full one (not back).
   */
  mode: 'create' | 'edit';
  submitLabel: string;
  /** Sends the request; a rejection with a `ResponseError` is shown in the form. */
  onSubmit(request: CreatePostmortemRequest): Promise<void>;
  onCancel?(): void;
  /** Offered after a 409: load the current version (the edit is lost). */
  onReload?(): void;
  /** The template the stored postmortem has, when editing. */
  storedTemplate?: PostmortemTemplate;
  /**
   * Shown when the backend refuses the save with 403, e.g. "You may not change this
   * postmortem (sre.postmortem.update)."; the input is kept.
   */
  notAllowedMessage?: string;
};

/**
 * The postmortem form, in two templates. Quick, for after every incident: title,
 * severity, status, services, start and summary, and one action item. Full, the
 * blameless template: also the other times, impact, timeline, contributing factors,
 * what went well and poorly, lessons, impacted SLOs with the error budget consumed,
 * any number of action items, tags and links. Problems it can tell are shown before
 * sending; a 400 from the backend is shown next to the field it names, a 409 asks to
 * reload, a 403 says the save was not allowed.
 *
 * @public
 */
export function PostmortemForm(props: PostmortemFormProps) {
  const {
    mode,
    submitLabel,
    onSubmit,
    onCancel,
    onReload,
    storedTemplate,
    notAllowedMessage,
  } = props;
  const { t } = useTranslationRef(sreTranslationRef);
  const [problems, setProblems] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<Error | undefined>();
  // Not formState.isSubmitting: that is also true while the form is checked, and
  // "Saving…" would flash on a form that is not sent.
  const [submitting, setSubmitting] = useState(false);
  const [resolver] = useState(() => createPostmortemFormResolver(setProblems));
  const form = useForm<PostmortemFormState, unknown, CreatePostmortemRequest>({
    defaultValues: props.initialState,
    resolver,
    // Checked on submit only, and errors stay until the next one: as the backend does.
    mode: 'onSubmit',
    reValidateMode: 'onSubmit',
    shouldFocusError: false,
  });
  const template = useWatch({ control: form.control, name: 'template' });
  const full = template === 'full';

  const send = async (request: CreatePostmortemRequest) => {
    // Taken now: the rows may change while the request is on its way.
    const { rowIndexes } = buildPostmortemRequest(form.getValues());
    setSubmitting(true);
    try {
      await onSubmit(request);
    } catch (e) {
      const error = e as Error;
      const fieldError = fieldErrorOf(error);
      if (fieldError) {
        setProblems([fieldError]);
        form.setError(formPathOf(fieldError.field, rowIndexes) as FormPath, {
          type: 'backend',
          message: fieldError.message,
        });
      } else {
        setFailure(error);
      }
    } finally {
      setSubmitting(false);
    }
  };

  const handleSubmit = (event: FormEvent) => {
    setFailure(undefined);
    return form.handleSubmit(send)(event);
  };

  return (
    <FormProvider {...form}>
      <form
        onSubmit={handleSubmit}
        noValidate
        aria-label={t('postmortems.form.ariaLabel')}
        data-testid="sre-postmortem-form"
      >
        <TemplateSection
          mode={mode}
          template={template}
          storedTemplate={storedTemplate}
        />
        <ProblemsAlert problems={problems} />
        <FailureAlert
          failure={failure}
          onReload={onReload}
          notAllowedMessage={notAllowedMessage}
        />
        <IncidentSection full={full} />
        {full && <ImpactedSlosSection />}
        {full && <TimelineSection />}
        {full && <AnalysisSection />}
        <ActionItemsSection full={full} />
        {full && <TagsAndLinksSection />}

        <Box display="flex" style={{ gap: 8 }}>
          <Button
            type="submit"
            variant="contained"
            color="primary"
            disabled={submitting}
          >
            {submitting ? t('postmortems.form.saving') : submitLabel}
          </Button>
          {onCancel && (
            <Button variant="outlined" onClick={onCancel} disabled={submitting}>
              {t('postmortems.form.cancel')}
            </Button>
          )}
        </Box>
      </form>
    </FormProvider>
  );
}
