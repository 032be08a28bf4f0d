import { InfoCard, Link, Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useParams } from 'react-router-dom';
import { usePostmortem } from '../usePostmortem';
import { useUpdatePostmortemAccess } from '../usePostmortemAccess';
import { PostmortemDetails } from './PostmortemDetails';
import { PostmortemHistory } from './PostmortemHistory';
import { PermittedLinkButton } from '../PermittedLinkButton';
import { RetryableError } from '../../shared/RetryableError';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../../translation';

/** @public */
export type PostmortemPageProps = {
  /** The path of the tab, e.g. `/catalog/default/component/checkout-api/postmortems`. */
  basePath: string;
};

/**
 * One postmortem (the `:id` of the route), every section, with an Edit button
 * (disabled, with the reason, for users without `sre.postmortem.update` on it) and
 * its history.
 *
 * @public
 */
export function PostmortemPage(props: PostmortemPageProps) {
  const { basePath } = props;
  const { t } = useTranslationRef(sreTranslationRef);
  const { id = '' } = useParams();
  const { value, loading, error, retry } = usePostmortem(id);
  const updateAccess = useUpdatePostmortemAccess(id || undefined);

  const back = <Link to={basePath || '/'}>{t('postmortems.page.back')}</Link>;
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
          <PermittedLinkButton
            to={`${basePath}/${encodeURIComponent(value.id)}/edit`}
            access={updateAccess}
            variant="contained"
            color="primary"
          >
            {value.template === 'quick'
              ? t('postmortems.page.editOrExpand')
              : t('postmortems.page.edit')}
          </PermittedLinkButton>
        </Box>
      </Grid>
      <Grid item xs={12}>
        <PostmortemDetails postmortem={value} />
      </Grid>
      <Grid item xs={12}>
        <InfoCard title={t('postmortems.page.history')}>
          <PostmortemHistory postmortemId={value.id} version={value.version} />
        </InfoCard>
      </Grid>
    </Grid>
  );
}
