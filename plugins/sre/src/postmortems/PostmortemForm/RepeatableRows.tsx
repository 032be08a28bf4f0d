import { Fragment } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import DeleteIcon from '@material-ui/icons/Delete';
import {
  FieldArray,
  get,
  useFieldArray,
  useFormContext,
  useFormState,
  useWatch,
} from 'react-hook-form';
import {
  FormPath,
  SelectInput,
  TextInput,
  TimeInput,
  firstMessage,
  usePostmortemFormStyles,
} from './formFields';
import { PostmortemFormList, PostmortemFormState } from './postmortemFormState';

/** A row of one of the form's lists, e.g. an action item. */
export type RowOf<L extends PostmortemFormList> =
  PostmortemFormState[L][number];

/** One input of a row. */
export type RowField<R> = {
  /** The property of the row it edits. */
  name: keyof R & string;
  /** The visible label; a function of the row's number for labels that count. */
  label: string | ((n: number) => string);
  /** A text input by default. */
  kind?: 'text' | 'number' | 'date' | 'time' | 'select';
  /** A text input taking the room left in the row. */
  grow?: boolean;
  /** A box of this width around the input, for times and selects. */
  minWidth?: number;
  /** Shown while the input has no error; a function of the row for hints that depend on it. */
  hint?: string | ((row: R) => string);
  options?: readonly string[];
  optionLabel?: (option: string) => string;
  inputProps?: { maxLength?: number; min?: number; step?: number };
};

/** What the rows of a list hold, and how they are named. */
export type RowsDescription<L extends PostmortemFormList> = {
  list: L;
  /** The name of row `n` as a group, e.g. "Timeline entry 2". */
  rowLabel(n: number): string;
  /** The label of the button that removes row `n`, e.g. "Remove timeline entry 2". */
  removeLabel(n: number): string;
  fields: RowField<RowOf<L>>[];
  addLabel: string;
  /** A new, empty row; it may take defaults from the rows there are. */
  newRow(rows: RowOf<L>[]): RowOf<L>;
  /**
   * Inputs after the first row are named by their row, "Owner (action item 2)", so
   * that the short visible labels can repeat: the accessible name of the input
   * labelled `label` in row `n`.
   */
  inputInRowLabel?(label: string, n: number): string;
  /** A line under each row, for rows that wrap. */
  divided?: boolean;
  testId?: string;
};

/**
 * The inputs of one row. Rows of several inputs are a group named by the row,
 * "Timeline entry 2"; a row of one input has the row in its label.
 */
export function RowInputs<L extends PostmortemFormList>(props: {
  rows: RowsDescription<L>;
  index: number;
  onRemove?(): void;
}) {
  const { rows, index, onRemove } = props;
  const classes = usePostmortemFormStyles();
  const rowPath = `${rows.list}.${index}` as FormPath;
  // The row's values, for hints that depend on them.
  const row = useWatch<PostmortemFormState>({ name: rowPath }) as RowOf<L>;
  const n = index + 1;
  const grouped = rows.fields.length > 1;

  const inputOf = (field: RowField<RowOf<L>>) => {
    const label =
      typeof field.label === 'function' ? field.label(n) : field.label;
    const name = `${rowPath}.${field.name}` as FormPath;
    const hint =
      typeof field.hint === 'function' ? row && field.hint(row) : field.hint;
    const inputProps = {
      ...field.inputProps,
      ...(rows.inputInRowLabel && index > 0
        ? { 'aria-label': rows.inputInRowLabel(label, n) }
        : {}),
    };
    switch (field.kind) {
      case 'select':
        return (
          <SelectInput
            name={name}
            label={label}
            options={field.options ?? []}
            optionLabel={field.optionLabel}
            inputProps={inputProps}
          />
        );
      case 'time':
        return (
          <TimeInput
            name={name}
            label={label}
            hint={hint}
            inputProps={inputProps}
          />
        );
      case 'date':
        return (
          <TextInput
            type="date"
            name={name}
            label={label}
            hint={hint}
            InputLabelProps={{ shrink: true }}
            inputProps={inputProps}
          />
        );
      default:
        return (
          <TextInput
            type={field.kind === 'number' ? 'number' : undefined}
            className={field.grow ? classes.grow : undefined}
            name={name}
            label={label}
            hint={hint}
            inputProps={inputProps}
          />
        );
    }
  };

  return (
    <Box
      className={rows.divided ? `${classes.row} ${classes.item}` : classes.row}
      role={grouped ? 'group' : undefined}
      aria-label={grouped ? rows.rowLabel(n) : undefined}
      data-testid={rows.testId}
    >
      {rows.fields.map(field =>
        field.minWidth ? (
          <Box key={field.name} minWidth={field.minWidth}>
            {inputOf(field)}
          </Box>
        ) : (
          <Fragment key={field.name}>{inputOf(field)}</Fragment>
        ),
      )}
      {onRemove && (
        <IconButton aria-label={rows.removeLabel(n)} onClick={onRemove}>
          <DeleteIcon />
        </IconButton>
      )}
    </Box>
  );
}

/**
 * Any number of rows of a list: their inputs, a remove button each, an error about
 * the whole list, and a button that adds a row. Row errors move with their rows.
 */
export function RepeatableRows<L extends PostmortemFormList>(props: {
  rows: RowsDescription<L>;
}) {
  const { rows } = props;
  const { control, getValues } = useFormContext<PostmortemFormState>();
  const { fields, append, remove } = useFieldArray<PostmortemFormState, L>({
    control,
    name: rows.list,
  });
  const { errors } = useFormState({ control, name: rows.list });
  const listError = firstMessage(get(errors, `${rows.list}.root`));
  return (
    <>
      {fields.map((field, index) => (
        <RowInputs
          key={field.id}
          rows={rows}
          index={index}
          onRemove={() => remove(index)}
        />
      ))}
      {listError && (
        <Typography color="error" variant="body2">
          {listError}
        </Typography>
      )}
      <Button
        size="small"
        onClick={() =>
          // Not focused, as before: the user may add several rows first.
          append(
            rows.newRow(getValues(rows.list) as RowOf<L>[]) as FieldArray<
              PostmortemFormState,
              L
            >,
            {
              shouldFocus: false,
            },
          )
        }
      >
        {rows.addLabel}
      </Button>
    </>
  );
}
