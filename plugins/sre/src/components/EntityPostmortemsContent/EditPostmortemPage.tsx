import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useNavigate, useParams } from 'react-router-dom';
import { sreIncidentsApiRef } from '../../api/incidents';
import { usePostmortem } from '../../hooks/incidents';
import { PostmortemForm, formStateOf } from '../PostmortemForm';

/** @public */
export type EditPostmortemPageProps = {
  /** The path of the tab, e.g. `/catalog/default/component/checkout-api/postmortems`. */
  basePath: string;
};

/**
 * Edits a postmortem (the `:id` of the route), based on the version it loaded: when
 * someone else saved in between, the backend refuses with 409 and the form offers to
 * reload. A quick postmortem can be expanded into a full one here.
 *
 * @public
 */
export function EditPostmortemPage(props: EditPostmortemPageProps) {
  const { basePath } = props;
  const { id = '' } = useParams();
  const incidentsApi = useApi(sreIncidentsApiRef);
  const navigate = useNavigate();
  const { value, error, retry } = usePostmortem(id);
  const viewPath = `${basePath}/${encodeURIComponent(id)}`;

  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return <Progress />;

  return (
    <Box data-testid="sre-edit-postmortem">
      <Box mb={1}>
        <Link to={viewPath}>← Back to the postmortem</Link>
      </Box>
      <Typography variant="h4" component="h2" gutterBottom>
        Edit: {value.title}
      </Typography>
      <PostmortemForm
        // A reload brings a new version: start over from it.
        key={value.version}
        mode="edit"
        storedTemplate={value.template}
        initialState={formStateOf(value)}
        submitLabel="Save changes"
        onSubmit={async request => {
          await incidentsApi.updatePostmortem(value.id, {
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
