import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { postmortemUpdatePermission } from '@sre-catalog/backstage-plugin-sre-common';
import { useNavigate, useParams } from 'react-router-dom';
import { sreApiRef } from '../../api';
import { usePostmortem } from '../usePostmortem';
import { useUpdatePostmortemAccess } from '../usePostmortemAccess';
import { PostmortemForm } from '../PostmortemForm/PostmortemForm';
import { formStateOf } from '../PostmortemForm/postmortemFormState';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../../translation';

/** @public */
export type EditPostmortemPageProps = {
  /** The path of the tab, e.g. `/catalog/default/component/checkout-api/postmortems`. */
  basePath: string;
};

/**
 * Edits a postmortem (the `:id` of the route), based on the version it loaded: when
 * someone else saved in between, the backend refuses with 409 and the form offers to
 * reload. A quick postmortem can be expanded into a full one here. Users without
 * `sre.postmortem.update` on it get the reason instead of the form.
 *
 * @public
 */
export function EditPostmortemPage(props: EditPostmortemPageProps) {
  const { basePath } = props;
  const { t } = useTranslationRef(sreTranslationRef);
  const { id = '' } = useParams();
  const sreApi = useApi(sreApiRef);
  const navigate = useNavigate();
  const { value, error, retry } = usePostmortem(id);
  const access = useUpdatePostmortemAccess(id || undefined);
  const viewPath = `${basePath}/${encodeURIComponent(id)}`;

  if (error) return <ResponseErrorPanel error={error} />;
  if (!value || access.loading) return <Progress />;

  const back = (
    <Box mb={1}>
      <Link to={viewPath}>{t('postmortems.editPage.back')}</Link>
    </Box>
  );
  if (!access.allowed) {
    return (
      <Box data-testid="sre-edit-postmortem">
        {back}
        <Alert severity="info" data-testid="sre-write-not-allowed">
          <AlertTitle>
            {t('postmortems.editPage.notAllowedTitle', { title: value.title })}
          </AlertTitle>
          {access.reason}
        </Alert>
      </Box>
    );
  }

  return (
    <Box data-testid="sre-edit-postmortem">
      {back}
      <Typography variant="h4" component="h2" gutterBottom>
        {t('postmortems.editPage.title', { title: value.title })}
      </Typography>
      <PostmortemForm
        // A reload brings a new version: start over from it.
        key={value.version}
        mode="edit"
        storedTemplate={value.template}
        initialState={formStateOf(value)}
        submitLabel={t('postmortems.editPage.submit')}
        notAllowedMessage={t('postmortems.editPage.notAllowed', {
          permission: postmortemUpdatePermission.name,
        })}
        onSubmit={async request => {
          await sreApi.updatePostmortem(value.id, {
            ...request,
            version: value.version,
          });
          navigate(viewPath);
        }}
        onCancel={() => navigate(viewPath)}
        onReload={retry}
      />
    </Box>
  );
}
