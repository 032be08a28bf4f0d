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
  const { t } = useTranslationRef(sreTranslationRef);
  if (problems.length === 0) return null;
  return (
    <Box mb={2}>
      <Alert severity="error" role="alert" data-testid="sre-form-errors">
        {t('postmortems.form.alerts.notSaved', { count: problems.length })}
        <ul style={{ margin: 0 }}>
          {problems.map(p => (
            <li key={`${p.field}|${p.message}`}>
              {t('postmortems.form.alerts.invalidField', {
                field: p.field,
                message: p.message,
              })}
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
                {t('postmortems.form.alerts.reload')}
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
          {t('postmortems.form.alerts.notAllowed', {
            reason:
              notAllowedMessage ??
              t('postmortems.form.alerts.notAllowedDefault'),
            error: errorMessage(failure),
          })}
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
