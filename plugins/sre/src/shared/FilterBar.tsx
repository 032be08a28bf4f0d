import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

/** The row of filters above an org-level list; it wraps on narrow screens. */
export function FilterBar(props: { children: ReactNode }) {
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mb={2}>
      {props.children}
    </Box>
  );
}

/**
 * A quiet note under the filters, e.g. that a filter's options could not be loaded:
 * the list itself still works.
 */
export function FilterNote(props: { children: ReactNode }) {
  return (
    <Typography variant="caption" color="textSecondary" paragraph>
      {props.children}
    </Typography>
  );
}
