import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(
  theme => ({
    label: {
      color: theme.palette.text.secondary,
      textTransform: 'uppercase',
      fontSize: '10px',
      fontWeight: 'bold',
      letterSpacing: 0.5,
      lineHeight: 1,
      paddingBottom: theme.spacing(0.5),
    },
  }),
  { name: 'SreField' },
);

/** @public */
export type FieldProps = {
  label: string;
  children: ReactNode;
  /** Space below, in theme spacing units (2 by default). */
  mb?: number;
  /** The label as a heading (the default), for cards whose fields are their sections. */
  heading?: boolean;
  /** Name the field as a group by its label, for tests and screen readers to find it. */
  group?: boolean;
};

/** A value under a small uppercase label, as the cards and details pages show facts. */
export function Field(props: FieldProps) {
  const classes = useStyles();
  const { heading = true, group = false } = props;
  return (
    <Box
      mb={props.mb ?? 2}
      {...(group ? { role: 'group', 'aria-label': props.label } : {})}
    >
      <Typography
        className={classes.label}
        {...(heading
          ? { variant: 'h2' as const }
          : { component: 'div' as const })}
      >
        {props.label}
      </Typography>
      <Typography variant="body2" component="div">
        {props.children}
      </Typography>
    </Box>
  );
}
