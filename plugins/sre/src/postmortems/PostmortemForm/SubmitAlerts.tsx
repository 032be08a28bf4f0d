import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import { ResponseErrorPanel } from '@backstage/core-components';
import {
  FieldError,
  errorMessage,
  isNotAllowedError,
  isStaleVersionError,
} from '../postmortemErrors';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../../translation';

/** Every problem that kept the postmortem from being saved, by request field. */
export function ProblemsAlert(props: { problems: FieldError[] }) {
  const { problems } = props;
  if (problems.length === 0) return null;
  return (
    <Box mb={2}>
      <Alert severity="error" role="alert" data-testid="sre-form-errors">
        {problems.length === 1
          ? 'The postmortem was not saved:'
          : `The postmortem was not saved (${problems.length} problems):`}
        <ul style={{ margin: 0 }}>
          {problems.map(p => (
            <li key={`${p.field}|${p.message}`}>
              Invalid {p.field}: {p.message}
            </li>
          ))}
        </ul>
      </Alert>
    </Box>
  );
}

/**
 * Why a save failed that is not about a field: a 409 offers to reload, a 403 says
 * the permission was denied and the input is kept, anything else is shown as is.
 */
export function FailureAlert(props: {
  failure?: Error;
  onReload?(): void;
  notAllowedMessage?: string;
}) {
  const { t } = useTranslationRef(sreTranslationRef);
  const { failure, onReload, notAllowedMessage } = props;
  if (!failure) return null;
  if (isStaleVersionError(failure)) {
    return (
      <Box mb={2}>
        <Alert
          severity="warning"
          role="alert"
          action={
            onReload && (
              <Button color="inherit" onClick={onReload}>
                Reload
              </Button>
            )
          }
        >
          {t('postmortems.staleVersion')}
        </Alert>
      </Box>
    );
  }
  if (isNotAllowedError(failure)) {
    return (
      <Box mb={2}>
        <Alert severity="error" role="alert" data-testid="sre-form-not-allowed">
          {notAllowedMessage ?? 'You may not save this postmortem.'} Nothing was
          saved; your input is kept. The backend said: {errorMessage(failure)}
        </Alert>
      </Box>
    );
  }
  return (
    <Box mb={2}>
      <ResponseErrorPanel error={failure} />
    </Box>
  );
}
