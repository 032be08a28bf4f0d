import {
  InfoCard,
  Link,
  LinkButton,
  Progress,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useParams } from 'react-router-dom';
import { usePostmortem } from '../../hooks/incidents';
import { PostmortemDetails } from './PostmortemDetails';
import { PostmortemHistory } from './PostmortemHistory';
import { RetryableError } from '../RetryableError';

/** @public */
export type PostmortemPageProps = {
  /** The path of the tab, e.g. `/catalog/default/component/checkout-api/postmortems`. */
  basePath: string;
};

/**
 * One postmortem (the `:id` of the route), every section, with an Edit button and
 * its history.
 *
 * @public
 */
export function PostmortemPage(props: PostmortemPageProps) {
  const { basePath } = props;
  const { id = '' } = useParams();
  const { value, loading, error, retry } = usePostmortem(id);

  const back = (
    <Link to={basePath || '/'}>← All postmortems of this entity</Link>
  );
  if (loading) return <Progress />;
  if (error) {
    return (
      <>
        <Box mb={2}>{back}</Box>
        <RetryableError error={error} retry={retry} />
      </>
    );
  }
  if (!value) return null;

  return (
    <Grid container spacing={3} data-testid="sre-postmortem-page">
      <Grid item xs={12}>
        <Box mb={1}>{back}</Box>
        <Box
          display="flex"
          alignItems="center"
          justifyContent="space-between"
          flexWrap="wrap"
          style={{ gap: 8 }}
        >
          <Typography variant="h4" component="h2">
            {value.title}
          </Typography>
          <LinkButton
            to={`${basePath}/${encodeURIComponent(value.id)}/edit`}
            variant="contained"
            color="primary"
          >
            {value.template === 'quick' ? 'Edit or expand' : 'Edit'}
          </LinkButton>
        </Box>
      </Grid>
      <Grid item xs={12}>
        <PostmortemDetails postmortem={value} />
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="History">
          <PostmortemHistory postmortemId={value.id} version={value.version} />
        </InfoCard>
      </Grid>
    </Grid>
  );
}
