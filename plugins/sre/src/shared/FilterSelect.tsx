import { Select } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';

/** A choice of a filter: the value it filters by and what to show. */
export type FilterOption = { value: string; label: string };

/** The value of the first choice, which clears the filter (not empty: MUI shows an empty value as nothing). */
const ALL = 'all';

/** @public */
export type FilterSelectProps = {
  label: string;
  /** The id of the input (native) or the test id of the select (menu). */
  id: string;
  /** The first choice, which clears the filter, e.g. `All teams`. */
  allLabel: string;
  options: FilterOption[];
  /** The chosen value; undefined when the filter is clear. */
  selected: string | undefined;
  onChange(value: string | undefined): void;
  minWidth?: number;
  /**
   * `menu` (the default): Backstage's select, a menu of choices; `native`: the
   * browser's select, for bars of outlined inputs such as the postmortem library's.
   */
  variant?: 'menu' | 'native';
};

/**
 * One filter of a list: a choice that clears it, then the options, keeping the chosen
 * value listed even when the options do not have it (e.g. a team from a shared link
 * that the catalog does not list).
 */
export function FilterSelect(props: FilterSelectProps) {
  const { label, id, allLabel, selected, onChange } = props;
  const options = [...props.options];
  if (selected && !options.some(o => o.value === selected)) {
    options.unshift({ value: selected, label: selected });
  }
  const clearOr = (value: unknown) =>
    value === ALL ? undefined : String(value);
  return (
    <Box minWidth={props.minWidth ?? 240}>
      {props.variant === 'native' ? (
        <TextField
          id={id}
          select
          fullWidth
          variant="outlined"
          size="small"
          label={label}
          value={selected ?? ALL}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          onChange={e => onChange(clearOr(e.target.value))}
        >
          <option value={ALL}>{allLabel}</option>
          {options.map(option => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </TextField>
      ) : (
        <Select
          label={label}
          data-testid={id}
          items={[{ label: allLabel, value: ALL }, ...options]}
          selected={selected ?? ALL}
          onChange={v => onChange(clearOr(v))}
        />
      )}
    </Box>
  );
}
