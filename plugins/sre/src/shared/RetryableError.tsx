import { ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';

/** A failed load as Backstage shows errors, with a button to load again. */
export function RetryableError(props: { error: Error; retry: () => void }) {
  return (
    <>
      <ResponseErrorPanel error={props.error} />
      <Box mt={1}>
        <Button variant="outlined" onClick={props.retry}>
          Retry
        </Button>
      </Box>
    </>
  );
}
