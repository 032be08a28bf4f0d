import { ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../translation';

/** A failed load as Backstage shows errors, with a button to load again. */
export function RetryableError(props: { error: Error; retry: () => void }) {
  const { t } = useTranslationRef(sreTranslationRef);
  return (
    <>
      <ResponseErrorPanel error={props.error} />
      <Box mt={1}>
        <Button variant="outlined" onClick={props.retry}>
          {t('shared.retry')}
        </Button>
      </Box>
    </>
  );
}
