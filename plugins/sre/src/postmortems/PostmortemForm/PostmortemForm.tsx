import { FormEvent, ReactNode, useState } from 'react';
import { ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import IconButton from '@material-ui/core/IconButton';
import Paper from '@material-ui/core/Paper';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import DeleteIcon from '@material-ui/icons/Delete';
import Alert from '@material-ui/lab/Alert';
import {
  ACTION_ITEM_PRIORITIES,
  ACTION_ITEM_STATUSES,
  CreatePostmortemRequest,
  POSTMORTEM_BUDGET_THRESHOLD,
  POSTMORTEM_LIMITS,
  POSTMORTEM_SEVERITIES,
  POSTMORTEM_STATUSES,
  PostmortemTemplate,
  checkPostmortemRequest,
} from '@sre-catalog/backstage-plugin-sre-common';
import {
  ACTION_ITEM_STATUS_LABELS,
  FieldError,
  POSTMORTEM_STATUS_LABELS,
  PRIORITY_LABELS,
  SEVERITY_DESCRIPTIONS,
  STALE_VERSION_MESSAGE,
  TEMPLATE_LABELS,
  errorMessage,
  fieldErrorOf,
  isNotAllowedError,
  isStaleVersionError,
} from '../postmortemLabels';
import { ChipListInput } from './ChipListInput';
import {
  ActionItemDraft,
  BuiltPostmortemRequest,
  PostmortemFormState,
  buildPostmortemRequest,
  formFieldOf,
  newActionItem,
  newFactor,
  newImpactedSlo,
  newLink,
  newTimelineEntry,
} from './postmortemFormState';

const useStyles = makeStyles(
  theme => ({
    section: {
      padding: theme.spacing(2),
      marginBottom: theme.spacing(2),
    },
    item: {
      borderBottom: `1px dashed ${theme.palette.divider}`,
      paddingBottom: theme.spacing(1),
    },
    row: {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'flex-start',
      gap: theme.spacing(1),
      marginBottom: theme.spacing(1),
    },
    grow: { flex: '1 1 240px' },
  }),
  { name: 'SrePostmortemForm' },
);

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

type Errors = Map<string, string>;

/** A stable, unique id for the input of a form field, so that its label points at it. */
function fieldId(field: string): string {
  return `sre-postmortem-${field.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

function errorsOf(
  list: FieldError[],
  rowKeys: BuiltPostmortemRequest['rowKeys'],
): Errors {
  const map: Errors = new Map();
  for (const { field, message } of list) {
    const at = formFieldOf(field, rowKeys);
    if (!map.has(at)) map.set(at, message);
  }
  return map;
}

/** What the shared postmortem schema and rules find in the request, one per field. */
function problemsOf(request: CreatePostmortemRequest): FieldError[] {
  const checked = checkPostmortemRequest(request, {
    mode: 'create',
    now: new Date(),
  });
  if (checked.success) return [];
  const seen = new Set<string>();
  return checked.problems.flatMap(({ field, message }) => {
    if (seen.has(field)) return [];
    seen.add(field);
    return [{ field, message }];
  });
}

/** The error of a field, or of anything under it (`entityRefs[2]` for `entityRefs`). */
function errorAt(errors: Errors, field: string): string | undefined {
  if (errors.has(field)) return errors.get(field);
  for (const [at, message] of errors) {
    if (at.startsWith(`${field}[`) || at.startsWith(`${field}.`)) {
      return message;
    }
  }
  return undefined;
}

function Section(props: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  const classes = useStyles();
  return (
    <Paper variant="outlined" className={classes.section}>
      <Typography variant="h6" component="h3">
        {props.title}
      </Typography>
      {props.description && (
        <Typography variant="body2" color="textSecondary" paragraph>
          {props.description}
        </Typography>
      )}
      {props.children}
    </Paper>
  );
}

function Select<T extends string>(props: {
  id: string;
  label: string;
  value: T | '';
  options: readonly T[];
  labels?: Record<T, string>;
  onChange(value: T): void;
  error?: string;
  helperText?: string;
  required?: boolean;
  placeholder?: string;
  inputProps?: { 'aria-label'?: string };
}) {
  return (
    <TextField
      id={props.id}
      inputProps={props.inputProps}
      select
      fullWidth
      variant="outlined"
      margin="dense"
      label={props.label}
      value={props.value}
      required={props.required}
      error={!!props.error}
      helperText={props.error ?? props.helperText}
      onChange={e => props.onChange(e.target.value as T)}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
    >
      {props.placeholder !== undefined && (
        <option value="" disabled>
          {props.placeholder}
        </option>
      )}
      {props.options.map(option => (
        <option key={option} value={option}>
          {props.labels?.[option] ?? option}
        </option>
      ))}
    </TextField>
  );
}

function TimeField(props: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string;
  required?: boolean;
  helperText?: string;
}) {
  return (
    <TextField
      id={props.id}
      type="datetime-local"
      fullWidth
      variant="outlined"
      margin="dense"
      label={props.label}
      value={props.value}
      required={props.required}
      error={!!props.error}
      helperText={props.error ?? props.helperText ?? 'Your local time'}
      onChange={e => props.onChange(e.target.value)}
      InputLabelProps={{ shrink: true }}
    />
  );
}

function LongText(props: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string;
  required?: boolean;
  helperText?: string;
  rows?: number;
}) {
  return (
    <TextField
      id={props.id}
      fullWidth
      multiline
      minRows={props.rows ?? 3}
      variant="outlined"
      margin="dense"
      label={props.label}
      value={props.value}
      required={props.required}
      error={!!props.error}
      helperText={
        props.error ?? props.helperText ?? 'Markdown; HTML is not rendered'
      }
      inputProps={{ maxLength: POSTMORTEM_LIMITS.text }}
      onChange={e => props.onChange(e.target.value)}
    />
  );
}

/** The fields of the form that are lists of keyed rows. */
type ListField =
  | 'timeline'
  | 'contributingFactors'
  | 'links'
  | 'impactedSlos'
  | 'actionItems';

/** Where an impacted SLO's budget comes from, as the form will send it. */
function budgetHelpText(slo: {
  budgetPercent: string;
  storedPercent?: string;
  computed: boolean;
}): string {
  if (slo.computed && slo.budgetPercent === slo.storedPercent) {
    return 'Computed from the SLO data';
  }
  return slo.budgetPercent.trim()
    ? 'Entered'
    : 'Empty: computed from the SLO data';
}

function ActionItemFields(props: {
  item: ActionItemDraft;
  index: number;
  errors: Errors;
  onChange(item: ActionItemDraft): void;
  onRemove?(): void;
}) {
  const { item, index, errors, onChange, onRemove } = props;
  const classes = useStyles();
  const at = `actionItems#${item.key}`;
  // Short visible labels; the accessible names tell the items apart.
  const named = (name: string) =>
    index === 0 ? {} : { 'aria-label': `${name} (action item ${index + 1})` };
  return (
    <Box
      className={`${classes.row} ${classes.item}`}
      role="group"
      aria-label={`Action item ${index + 1}`}
      data-testid="sre-action-item-fields"
    >
      <TextField
        className={classes.grow}
        variant="outlined"
        margin="dense"
        id={fieldId(`${at}.title`)}
        label="Action item"
        value={item.title}
        error={!!errorAt(errors, `${at}.title`)}
        helperText={errorAt(errors, `${at}.title`)}
        inputProps={{
          maxLength: POSTMORTEM_LIMITS.actionItemTitle,
          ...named('Action item'),
        }}
        onChange={e => onChange({ ...item, title: e.target.value })}
      />
      <TextField
        className={classes.grow}
        variant="outlined"
        margin="dense"
        id={fieldId(`${at}.owner`)}
        label="Owner"
        value={item.owner}
        error={!!errorAt(errors, `${at}.owner`)}
        helperText={
          errorAt(errors, `${at}.owner`) ?? 'group:default/team or user:…'
        }
        inputProps={named('Owner')}
        onChange={e => onChange({ ...item, owner: e.target.value })}
      />
      <TextField
        type="date"
        variant="outlined"
        margin="dense"
        id={fieldId(`${at}.dueDate`)}
        label="Due date"
        value={item.dueDate}
        error={!!errorAt(errors, `${at}.dueDate`)}
        helperText={errorAt(errors, `${at}.dueDate`)}
        InputLabelProps={{ shrink: true }}
        inputProps={named('Due date')}
        onChange={e => onChange({ ...item, dueDate: e.target.value })}
      />
      <Box minWidth={120}>
        <Select
          id={fieldId(`${at}.priority`)}
          label="Priority"
          inputProps={named('Priority')}
          value={item.priority}
          options={ACTION_ITEM_PRIORITIES}
          labels={PRIORITY_LABELS}
          error={errorAt(errors, `${at}.priority`)}
          onChange={priority => onChange({ ...item, priority })}
        />
      </Box>
      <Box minWidth={180}>
        <Select
          id={fieldId(`${at}.status`)}
          label="Action item status"
          inputProps={named('Action item status')}
          value={item.status}
          options={ACTION_ITEM_STATUSES}
          labels={ACTION_ITEM_STATUS_LABELS}
          error={errorAt(errors, `${at}.status`)}
          onChange={status => onChange({ ...item, status })}
        />
      </Box>
      <TextField
        className={classes.grow}
        variant="outlined"
        margin="dense"
        id={fieldId(`${at}.trackingUrl`)}
        label="Tracking link"
        value={item.trackingUrl}
        error={!!errorAt(errors, `${at}.trackingUrl`)}
        helperText={errorAt(errors, `${at}.trackingUrl`) ?? 'Ticket URL'}
        inputProps={named('Tracking link')}
        onChange={e => onChange({ ...item, trackingUrl: e.target.value })}
      />
      {onRemove && (
        <IconButton
          aria-label={`Remove action item ${index + 1}`}
          onClick={onRemove}
        >
          <DeleteIcon />
        </IconButton>
      )}
    </Box>
  );
}

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
  const classes = useStyles();
  const [state, setState] = useState<PostmortemFormState>(props.initialState);
  const [problems, setProblems] = useState<FieldError[]>([]);
  const [errors, setErrors] = useState<Errors>(new Map());
  const [failure, setFailure] = useState<Error | undefined>();
  const [submitting, setSubmitting] = useState(false);

  const full = state.template === 'full';
  const set = <K extends keyof PostmortemFormState>(
    field: K,
    value: PostmortemFormState[K],
  ) => setState(prev => ({ ...prev, [field]: value }));
  const err = (field: string) => errorAt(errors, field);

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const built = buildPostmortemRequest(state);
    const found = problemsOf(built.request);
    setFailure(undefined);
    if (found.length > 0) {
      setProblems(found);
      setErrors(errorsOf(found, built.rowKeys));
      return;
    }
    setProblems([]);
    setErrors(new Map());
    setSubmitting(true);
    try {
      await onSubmit(built.request);
    } catch (e) {
      const error = e as Error;
      const fieldError = fieldErrorOf(error);
      if (fieldError) {
        setProblems([fieldError]);
        setErrors(errorsOf([fieldError], built.rowKeys));
      } else {
        setFailure(error);
      }
    } finally {
      setSubmitting(false);
    }
  };

  /** Changes one item of a keyed list of the form, removes it, or adds one. */
  const listOf = <K extends ListField>(field: K) => {
    type Item = PostmortemFormState[K][number];
    const update = (edit: (items: Item[]) => Item[]) =>
      setState(prev => ({ ...prev, [field]: edit(prev[field] as Item[]) }));
    return {
      change: (key: string, patch: Partial<Item>) =>
        update(items =>
          items.map(item => (item.key === key ? { ...item, ...patch } : item)),
        ),
      remove: (key: string) =>
        update(items => items.filter(item => item.key !== key)),
      add: (item: Item) => update(items => [...items, item]),
    };
  };
  const lists = {
    timeline: listOf('timeline'),
    contributingFactors: listOf('contributingFactors'),
    links: listOf('links'),
    impactedSlos: listOf('impactedSlos'),
    actionItems: listOf('actionItems'),
  };
  const firstItem = state.actionItems[0];

  return (
    <form
      onSubmit={handleSubmit}
      noValidate
      aria-label="Postmortem"
      data-testid="sre-postmortem-form"
    >
      {mode === 'create' && (
        <Section title="Template">
          <RadioGroup
            row
            aria-label="Template"
            value={state.template}
            onChange={e =>
              set('template', e.target.value as PostmortemTemplate)
            }
          >
            <FormControlLabel
              value="quick"
              control={<Radio color="primary" />}
              label="Quick: after every incident, in five minutes"
            />
            <FormControlLabel
              value="full"
              control={<Radio color="primary" />}
              label="Full blameless template: when it matters"
            />
          </RadioGroup>
        </Section>
      )}
      {mode === 'edit' && !full && (
        <Box mb={2} display="flex" alignItems="center" style={{ gap: 16 }}>
          <Typography variant="body2">
            This is a quick postmortem. Expand it into the full blameless
            template to add the timeline, contributing factors and lessons.
          </Typography>
          <Button
            variant="outlined"
            color="primary"
            onClick={() => set('template', 'full')}
          >
            Expand to the full template
          </Button>
        </Box>
      )}
      {mode === 'edit' && full && storedTemplate === 'quick' && (
        <Box mb={2}>
          <Alert
            severity="info"
            action={
              <Button color="inherit" onClick={() => set('template', 'quick')}>
                Keep it quick
              </Button>
            }
          >
            Saving turns this quick postmortem into a full one (
            {TEMPLATE_LABELS.full}); a full postmortem cannot become quick
            again. It needs an impact, and detection and resolution times.
          </Alert>
        </Box>
      )}

      {problems.length > 0 && (
        <Box mb={2}>
          <Alert severity="error" role="alert" data-testid="sre-form-errors">
            {problems.length === 1
              ? 'The postmortem was not saved:'
              : `The postmortem was not saved (${problems.length} problems):`}
            <ul style={{ margin: 0 }}>
              {problems.map(p => (
                <li key={`${p.field}|${p.message}`}>
                  Invalid {p.field}: {p.message}
                </li>
              ))}
            </ul>
          </Alert>
        </Box>
      )}
      {failure && isStaleVersionError(failure) && (
        <Box mb={2}>
          <Alert
            severity="warning"
            role="alert"
            action={
              onReload && (
                <Button color="inherit" onClick={onReload}>
                  Reload
                </Button>
              )
            }
          >
            {STALE_VERSION_MESSAGE}
          </Alert>
        </Box>
      )}
      {failure && isNotAllowedError(failure) && (
        <Box mb={2}>
          <Alert
            severity="error"
            role="alert"
            data-testid="sre-form-not-allowed"
          >
            {notAllowedMessage ?? 'You may not save this postmortem.'} Nothing
            was saved; your input is kept. The backend said:{' '}
            {errorMessage(failure)}
          </Alert>
        </Box>
      )}
      {failure &&
        !isStaleVersionError(failure) &&
        !isNotAllowedError(failure) && (
          <Box mb={2}>
            <ResponseErrorPanel error={failure} />
          </Box>
        )}

      <Section title="Incident">
        <Grid container spacing={1}>
          <Grid item xs={12} md={8}>
            <TextField
              fullWidth
              variant="outlined"
              margin="dense"
              id={fieldId('title')}
              label="Title"
              required
              value={state.title}
              error={!!err('title')}
              helperText={
                err('title') ??
                'What happened, e.g. "Checkout 5xx after deploy"'
              }
              inputProps={{ maxLength: POSTMORTEM_LIMITS.title }}
              onChange={e => set('title', e.target.value)}
            />
          </Grid>
          <Grid item xs={6} md={2}>
            <Select
              id={fieldId('severity')}
              label="Severity"
              required
              value={state.severity}
              options={POSTMORTEM_SEVERITIES}
              placeholder="Choose…"
              error={err('severity')}
              helperText={
                state.severity ? SEVERITY_DESCRIPTIONS[state.severity] : ''
              }
              onChange={severity => set('severity', severity)}
            />
          </Grid>
          <Grid item xs={6} md={2}>
            <Select
              id={fieldId('status')}
              label="Status"
              value={state.status}
              options={POSTMORTEM_STATUSES}
              labels={POSTMORTEM_STATUS_LABELS}
              error={err('status')}
              helperText={
                state.status === 'published'
                  ? 'Shown in the library and search'
                  : undefined
              }
              onChange={status => set('status', status)}
            />
          </Grid>
          <Grid item xs={12} md={8}>
            <ChipListInput
              id={fieldId('entityRefs')}
              label="Services"
              required
              value={state.entityRefs}
              onChange={refs => set('entityRefs', refs)}
              error={err('entityRefs')}
              helperText="Affected catalog entities, e.g. component:default/checkout-api; Enter adds one"
            />
          </Grid>
          <Grid item xs={12} md={4}>
            <TimeField
              id={fieldId('startedAt')}
              label="Started at"
              required
              value={state.startedAt}
              error={err('startedAt')}
              onChange={v => set('startedAt', v)}
            />
          </Grid>
          {full && (
            <>
              <Grid item xs={12} md={4}>
                <TimeField
                  id={fieldId('detectedAt')}
                  label="Detected at"
                  required
                  value={state.detectedAt}
                  error={err('detectedAt')}
                  onChange={v => set('detectedAt', v)}
                />
              </Grid>
              <Grid item xs={12} md={4}>
                <TimeField
                  id={fieldId('mitigatedAt')}
                  label="Mitigated at"
                  value={state.mitigatedAt}
                  error={err('mitigatedAt')}
                  onChange={v => set('mitigatedAt', v)}
                />
              </Grid>
              <Grid item xs={12} md={4}>
                <TimeField
                  id={fieldId('resolvedAt')}
                  label="Resolved at"
                  required
                  value={state.resolvedAt}
                  error={err('resolvedAt')}
                  onChange={v => set('resolvedAt', v)}
                />
              </Grid>
            </>
          )}
          <Grid item xs={12}>
            <LongText
              id={fieldId('summary')}
              label="Summary"
              required
              value={state.summary}
              error={err('summary')}
              helperText="What happened and how it was fixed, in a few sentences. Markdown; HTML is not rendered"
              onChange={v => set('summary', v)}
            />
          </Grid>
          {full && (
            <Grid item xs={12}>
              <LongText
                id={fieldId('impact')}
                label="Impact"
                required
                value={state.impact}
                error={err('impact')}
                helperText="Who noticed what, for how long; orders, users or requests affected"
                onChange={v => set('impact', v)}
              />
            </Grid>
          )}
        </Grid>
      </Section>

      {full && (
        <Section
          title="Impacted SLOs"
          description={`The share of each SLO's error budget this incident consumed. Over ${Math.round(
            POSTMORTEM_BUDGET_THRESHOLD * 100,
          )}% on one SLO, the error budget policy asks for a P0 action item. Leave the share empty to compute it from the SLO's data for the incident window.`}
        >
          {state.impactedSlos.map((slo, index) => {
            const at = `impactedSlos#${slo.key}`;
            return (
              <Box
                key={slo.key}
                className={classes.row}
                role="group"
                aria-label={`Impacted SLO ${index + 1}`}
              >
                <TextField
                  className={classes.grow}
                  variant="outlined"
                  margin="dense"
                  id={fieldId(`${at}.sloRef`)}
                  label="SLO"
                  value={slo.sloRef}
                  error={!!errorAt(errors, `${at}.sloRef`)}
                  helperText={
                    errorAt(errors, `${at}.sloRef`) ??
                    'slo:default/checkout-api-availability'
                  }
                  onChange={e =>
                    lists.impactedSlos.change(slo.key, {
                      sloRef: e.target.value,
                    })
                  }
                />
                <TextField
                  type="number"
                  variant="outlined"
                  margin="dense"
                  id={fieldId(`${at}.budgetConsumed`)}
                  label="Budget consumed (%)"
                  value={slo.budgetPercent}
                  error={!!errorAt(errors, `${at}.budgetConsumed`)}
                  helperText={
                    errorAt(errors, `${at}.budgetConsumed`) ??
                    budgetHelpText(slo)
                  }
                  inputProps={{ min: 0, step: 0.1 }}
                  onChange={e =>
                    lists.impactedSlos.change(slo.key, {
                      budgetPercent: e.target.value,
                    })
                  }
                />
                <IconButton
                  aria-label={`Remove impacted SLO ${index + 1}`}
                  onClick={() => lists.impactedSlos.remove(slo.key)}
                >
                  <DeleteIcon />
                </IconButton>
              </Box>
            );
          })}
          <Button
            size="small"
            onClick={() => lists.impactedSlos.add(newImpactedSlo())}
          >
            Add an impacted SLO
          </Button>
        </Section>
      )}

      {full && (
        <Section
          title="Timeline"
          description="What happened when: first signal, alert, escalation, mitigation, resolution."
        >
          {state.timeline.map((entry, index) => {
            const at = `timeline#${entry.key}`;
            return (
              <Box
                key={entry.key}
                className={classes.row}
                role="group"
                aria-label={`Timeline entry ${index + 1}`}
              >
                <Box minWidth={220}>
                  <TimeField
                    id={fieldId(`${at}.at`)}
                    label="At"
                    value={entry.at}
                    error={errorAt(errors, `${at}.at`)}
                    onChange={v => lists.timeline.change(entry.key, { at: v })}
                  />
                </Box>
                <TextField
                  className={classes.grow}
                  variant="outlined"
                  margin="dense"
                  id={fieldId(`${at}.description`)}
                  label="What happened"
                  value={entry.description}
                  error={!!errorAt(errors, `${at}.description`)}
                  helperText={errorAt(errors, `${at}.description`)}
                  inputProps={{
                    maxLength: POSTMORTEM_LIMITS.timelineDescription,
                  }}
                  onChange={e =>
                    lists.timeline.change(entry.key, {
                      description: e.target.value,
                    })
                  }
                />
                <IconButton
                  aria-label={`Remove timeline entry ${index + 1}`}
                  onClick={() => lists.timeline.remove(entry.key)}
                >
                  <DeleteIcon />
                </IconButton>
              </Box>
            );
          })}
          <Button
            size="small"
            onClick={() => lists.timeline.add(newTimelineEntry())}
          >
            Add a timeline entry
          </Button>
        </Section>
      )}

      {full && (
        <Section
          title="Analysis"
          description="Blameless: describe how the system and its processes made the failure possible, not who made a mistake."
        >
          {state.contributingFactors.map((factor, index) => {
            const at = `contributingFactors#${factor.key}`;
            return (
              <Box key={factor.key} className={classes.row}>
                <TextField
                  className={classes.grow}
                  variant="outlined"
                  margin="dense"
                  id={fieldId(at)}
                  label={`Contributing factor ${index + 1}`}
                  value={factor.text}
                  error={!!errorAt(errors, at)}
                  helperText={errorAt(errors, at)}
                  inputProps={{
                    maxLength: POSTMORTEM_LIMITS.contributingFactor,
                  }}
                  onChange={e =>
                    lists.contributingFactors.change(factor.key, {
                      text: e.target.value,
                    })
                  }
                />
                <IconButton
                  aria-label={`Remove contributing factor ${index + 1}`}
                  onClick={() => lists.contributingFactors.remove(factor.key)}
                >
                  <DeleteIcon />
                </IconButton>
              </Box>
            );
          })}
          {err('contributingFactors') && (
            <Typography color="error" variant="body2">
              {err('contributingFactors')}
            </Typography>
          )}
          <Button
            size="small"
            onClick={() => lists.contributingFactors.add(newFactor())}
          >
            Add a contributing factor
          </Button>
          <LongText
            id={fieldId('wentWell')}
            label="What went well"
            value={state.wentWell}
            error={err('wentWell')}
            onChange={v => set('wentWell', v)}
          />
          <LongText
            id={fieldId('wentPoorly')}
            label="What went poorly"
            value={state.wentPoorly}
            error={err('wentPoorly')}
            onChange={v => set('wentPoorly', v)}
          />
          <LongText
            id={fieldId('lessons')}
            label="Lessons"
            value={state.lessons}
            error={err('lessons')}
            helperText="What other teams should know; shown in the recent learnings. Markdown; HTML is not rendered"
            onChange={v => set('lessons', v)}
          />
        </Section>
      )}

      <Section
        title={full ? 'Action items' : 'Action item'}
        description={
          full
            ? 'Follow-ups that make this less likely or less bad, each with an owner and a due date.'
            : 'One follow-up, with an owner and a due date. The full template takes more.'
        }
      >
        {full ? (
          <>
            {state.actionItems.map((item, index) => (
              <ActionItemFields
                key={item.key}
                item={item}
                index={index}
                errors={errors}
                onChange={next => lists.actionItems.change(item.key, next)}
                onRemove={() => lists.actionItems.remove(item.key)}
              />
            ))}
            <Button
              size="small"
              onClick={() =>
                lists.actionItems.add(
                  newActionItem(state.actionItems[0]?.owner ?? ''),
                )
              }
            >
              Add an action item
            </Button>
          </>
        ) : (
          <>
            <ActionItemFields
              item={firstItem ?? newActionItem()}
              index={0}
              errors={errors}
              onChange={next =>
                firstItem
                  ? lists.actionItems.change(firstItem.key, next)
                  : set('actionItems', [next])
              }
            />
            {state.actionItems.length > 1 && (
              <Typography variant="body2" color="textSecondary">
                and {state.actionItems.length - 1} more, kept as they are;
                expand to the full template to edit them.
              </Typography>
            )}
          </>
        )}
      </Section>

      {full && (
        <Section title="Tags and links">
          <ChipListInput
            id={fieldId('tags')}
            label="Tags"
            value={state.tags}
            onChange={tags => set('tags', tags)}
            error={err('tags')}
            helperText="e.g. deploy, database, third-party; Enter adds one"
          />
          {state.links.map((link, index) => {
            const at = `links#${link.key}`;
            return (
              <Box
                key={link.key}
                className={classes.row}
                role="group"
                aria-label={`Link ${index + 1}`}
              >
                <TextField
                  className={classes.grow}
                  variant="outlined"
                  margin="dense"
                  id={fieldId(`${at}.title`)}
                  label="Link title"
                  value={link.title}
                  error={!!errorAt(errors, `${at}.title`)}
                  helperText={
                    errorAt(errors, `${at}.title`) ??
                    'Chat thread, ticket, document'
                  }
                  onChange={e =>
                    lists.links.change(link.key, { title: e.target.value })
                  }
                />
                <TextField
                  className={classes.grow}
                  variant="outlined"
                  margin="dense"
                  id={fieldId(`${at}.url`)}
                  label="URL"
                  value={link.url}
                  error={!!errorAt(errors, `${at}.url`)}
                  helperText={errorAt(errors, `${at}.url`)}
                  onChange={e =>
                    lists.links.change(link.key, { url: e.target.value })
                  }
                />
                <IconButton
                  aria-label={`Remove link ${index + 1}`}
                  onClick={() => lists.links.remove(link.key)}
                >
                  <DeleteIcon />
                </IconButton>
              </Box>
            );
          })}
          <Button size="small" onClick={() => lists.links.add(newLink())}>
            Add a link
          </Button>
        </Section>
      )}

      <Box display="flex" style={{ gap: 8 }}>
        <Button
          type="submit"
          variant="contained"
          color="primary"
          disabled={submitting}
        >
          {submitting ? 'Saving…' : submitLabel}
        </Button>
        {onCancel && (
          <Button variant="outlined" onClick={onCancel} disabled={submitting}>
            Cancel
          </Button>
        )}
      </Box>
    </form>
  );
}
