import { ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';

/** A secondary line under the main content of a table cell, e.g. an SLO's objective. */
export function CellCaption(props: {
  children: ReactNode;
  className?: string;
}) {
  return (
    <Typography
      variant="caption"
      color="textSecondary"
      component="div"
      className={props.className}
    >
      {props.children}
    </Typography>
  );
}
