import { Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { postmortemCreatePermission } from '@sre-catalog/backstage-plugin-sre-common';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { sreApiRef } from '../../api';
import { useCreatePostmortemAccess } from '../usePostmortemAccess';
import { PostmortemForm } from '../PostmortemForm/PostmortemForm';
import { emptyFormState } from '../PostmortemForm/postmortemFormState';
import { postmortemDefaultsOf } from './entityDefaults';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../../translation';

/** @public */
export type NewPostmortemPageProps = {
  /** The path of the tab, e.g. `/catalog/default/component/checkout-api/postmortems`. */
  basePath: string;
};

/**
 * Writes a new postmortem about the entity, quick (the default) or full
 * (`?template=full`), then opens it. Users without `sre.postmortem.create` on the
 * entity get the reason instead of the form.
 *
 * @public
 */
export function NewPostmortemPage(props: NewPostmortemPageProps) {
  const { basePath } = props;
  const { t } = useTranslationRef(sreTranslationRef);
  const { entity } = useEntity();
  const sreApi = useApi(sreApiRef);
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const access = useCreatePostmortemAccess(
    stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
  );
  const template =
    searchParams.get('template') === 'full' ? 'full' : ('quick' as const);

  let body;
  if (access.loading) {
    body = <Progress />;
  } else if (!access.allowed) {
    body = (
      <>
        <Alert severity="info" data-testid="sre-write-not-allowed">
          <AlertTitle>{t('postmortems.newPage.notAllowedTitle')}</AlertTitle>
          {access.reason}
        </Alert>
        <Box mt={2}>
          <Link to={basePath || '/'}>{t('postmortems.newPage.back')}</Link>
        </Box>
      </>
    );
  } else {
    body = (
      <PostmortemForm
        mode="create"
        initialState={emptyFormState(template, postmortemDefaultsOf(entity))}
        submitLabel={t('postmortems.newPage.submit')}
        notAllowedMessage={t('postmortems.newPage.notAllowed', {
          permission: postmortemCreatePermission.name,
        })}
        onSubmit={async request => {
          const created = await sreApi.createPostmortem(request);
          navigate(`${basePath}/${encodeURIComponent(created.id)}`);
        }}
        onCancel={() => navigate(basePath || '/')}
      />
    );
  }

  return (
    <Box data-testid="sre-new-postmortem">
      <Typography variant="h4" component="h2" gutterBottom>
        {t('postmortems.newPage.title')}
      </Typography>
      {body}
    </Box>
  );
}
