import { ReactNode } from 'react';
import Paper from '@material-ui/core/Paper';
import TextField, { TextFieldProps } from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Path, useController } from 'react-hook-form';
import { POSTMORTEM_LIMITS } from '@sre-catalog/backstage-plugin-sre-common';
import { ChipListInput } from './ChipListInput';
import { PostmortemFormState } from './postmortemFormState';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../../translation';

/** A path of the form's values, e.g. `title` or `actionItems.1.owner`. */
export type FormPath = Path<PostmortemFormState>;

export const usePostmortemFormStyles = makeStyles(
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

/** A stable, unique id for the input of a form field, so that its label points at it. */
export function fieldId(field: string): string {
  return `sre-postmortem-${field.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/**
 * The message of an error, or of the first one under it: `entityRefs.2` shows on the
 * `entityRefs` input.
 */
export function firstMessage(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { message } = error as { message?: unknown };
  if (typeof message === 'string') return message;
  for (const [key, value] of Object.entries(error)) {
    const found = key === 'ref' ? undefined : firstMessage(value);
    if (found) return found;
  }
  return undefined;
}

/** The value, change handler and error of a form field, with the input's id. */
function useField(name: FormPath) {
  const { field, fieldState } = useController<PostmortemFormState>({ name });
  return {
    id: fieldId(name),
    value: field.value,
    onChange: field.onChange,
    onBlur: field.onBlur,
    inputRef: field.ref,
    error: firstMessage(fieldState.error),
  };
}

/** A help text shown when the field has no error, maybe depending on its value. */
type Hint<V> = string | ((value: V) => string | undefined);
const hintOf = <V,>(hint: Hint<V> | undefined, value: V) =>
  typeof hint === 'function' ? hint(value) : hint;

type InputProps = Omit<
  TextFieldProps,
  'id' | 'name' | 'value' | 'onChange' | 'error' | 'helperText'
> & { name: FormPath; hint?: Hint<string> };

/** A text input of the form; the error replaces the hint. */
export function TextInput(props: InputProps) {
  const { name, hint, ...rest } = props;
  const { error, ...field } = useField(name);
  return (
    <TextField
      variant="outlined"
      margin="dense"
      {...rest}
      {...field}
      error={!!error}
      helperText={error ?? hintOf(hint, field.value as string)}
    />
  );
}

/** A `datetime-local` input, in the browser's time zone. */
export function TimeInput(props: InputProps) {
  const { t } = useTranslationRef(sreTranslationRef);
  return (
    <TextInput
      type="datetime-local"
      fullWidth
      InputLabelProps={{ shrink: true }}
      {...props}
      hint={props.hint ?? t('postmortems.form.localTime')}
    />
  );
}

/** A Markdown text of the postmortem. */
export function LongTextInput(props: InputProps & { rows?: number }) {
  const { rows, ...rest } = props;
  const { t } = useTranslationRef(sreTranslationRef);
  return (
    <TextInput
      fullWidth
      multiline
      minRows={rows ?? 3}
      inputProps={{ maxLength: POSTMORTEM_LIMITS.text }}
      {...rest}
      hint={rest.hint ?? t('postmortems.form.markdown')}
    />
  );
}

/** A native select of one of `options`. */
export function SelectInput<T extends string>(
  props: Omit<InputProps, 'hint'> & {
    options: readonly T[];
    /** The visible text of an option; the option itself by default. */
    optionLabel?: (option: T) => string;
    /** A disabled first option, shown while nothing is chosen. */
    placeholder?: string;
    hint?: Hint<T | ''>;
  },
) {
  const { options, optionLabel, placeholder, hint, name, ...rest } = props;
  const { error, ...field } = useField(name);
  return (
    <TextField
      select
      fullWidth
      variant="outlined"
      margin="dense"
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      {...rest}
      {...field}
      error={!!error}
      helperText={error ?? hintOf(hint, field.value as T | '')}
    >
      {placeholder !== undefined && (
        <option value="" disabled>
          {placeholder}
        </option>
      )}
      {options.map(option => (
        <option key={option} value={option}>
          {optionLabel?.(option) ?? option}
        </option>
      ))}
    </TextField>
  );
}

/** A list of free-text values as chips (services, tags). */
export function ChipsInput(props: {
  name: 'entityRefs' | 'tags';
  label: string;
  hint: string;
  required?: boolean;
}) {
  const { id, value, onChange, error } = useField(props.name);
  return (
    <ChipListInput
      id={id}
      label={props.label}
      required={props.required}
      value={value as string[]}
      onChange={onChange}
      error={error}
      helperText={props.hint}
    />
  );
}

/** A titled part of the form. */
export function Section(props: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  const classes = usePostmortemFormStyles();
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
