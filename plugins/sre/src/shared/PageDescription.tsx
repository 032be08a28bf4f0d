import Typography from '@material-ui/core/Typography';

/**
 * The text an org-level view shows above its content when the app gives one, e.g.
 * when the app's page header has no subtitle.
 */
export function PageDescription(props: { text?: string }) {
  if (!props.text) return null;
  return (
    <Typography variant="body1" paragraph>
      {props.text}
    </Typography>
  );
}
