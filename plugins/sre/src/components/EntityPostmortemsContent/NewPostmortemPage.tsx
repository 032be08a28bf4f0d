import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { sreIncidentsApiRef } from '../../api/incidents';
import { PostmortemForm, emptyFormState } from '../PostmortemForm';
import { postmortemDefaultsOf } from './entityDefaults';

/** @public */
export type NewPostmortemPageProps = {
  /** The path of the tab, e.g. `/catalog/default/component/checkout-api/postmortems`. */
  basePath: string;
};

/**
 * Writes a new postmortem about the entity, quick (the default) or full
 * (`?template=full`), then opens it.
 *
 * @public
 */
export function NewPostmortemPage(props: NewPostmortemPageProps) {
  const { basePath } = props;
  const { entity } = useEntity();
  const incidentsApi = useApi(sreIncidentsApiRef);
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const template =
    searchParams.get('template') === 'full' ? 'full' : ('quick' as const);

  return (
    <Box data-testid="sre-new-postmortem">
      <Typography variant="h4" component="h2" gutterBottom>
        New postmortem
      </Typography>
      <PostmortemForm
        mode="create"
        initialState={emptyFormState(template, postmortemDefaultsOf(entity))}
        submitLabel="Save postmortem"
        onSubmit={async request => {
          const created = await incidentsApi.createPostmortem(request);
          navigate(`${basePath}/${encodeURIComponent(created.id)}`);
        }}
        onCancel={() => navigate(basePath || '/')}
      />
    </Box>
  );
}
