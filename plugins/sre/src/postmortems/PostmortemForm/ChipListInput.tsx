import { useState } from 'react';
import Chip from '@material-ui/core/Chip';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';

/** @public */
export type ChipListInputProps = {
  id: string;
  label: string;
  value: string[];
  onChange(value: string[]): void;
  helperText?: string;
  error?: string;
  required?: boolean;
  placeholder?: string;
};

/**
 * A list of free-text values as chips: Enter (or leaving the field) adds what was
 * typed, so that nothing typed is lost on submit.
 */
export function ChipListInput(props: ChipListInputProps) {
  const {
    id,
    label,
    value,
    onChange,
    helperText,
    error,
    required,
    placeholder,
  } = props;
  const [input, setInput] = useState('');
  const commit = () => {
    const typed = input.trim();
    if (typed && !value.includes(typed)) onChange([...value, typed]);
    setInput('');
  };
  return (
    <Autocomplete<string, true, false, true>
      id={id}
      multiple
      freeSolo
      options={[]}
      value={value}
      inputValue={input}
      onInputChange={(_event, next, reason) => {
        if (reason !== 'reset') setInput(next);
      }}
      onChange={(_event, next) => {
        onChange([...new Set(next.map(v => String(v).trim()))].filter(Boolean));
        setInput('');
      }}
      renderTags={(tags, getTagProps) =>
        tags.map((tag, index) => (
          <Chip
            size="small"
            variant="outlined"
            label={tag}
            {...getTagProps({ index })}
          />
        ))
      }
      renderInput={params => (
        <TextField
          {...params}
          label={label}
          required={required}
          placeholder={placeholder}
          variant="outlined"
          margin="dense"
          error={!!error}
          helperText={error ?? helperText}
          onBlur={commit}
        />
      )}
    />
  );
}
