import { InfoCard, Link, MarkdownContent } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Runbook } from '@sre-catalog/backstage-plugin-sre-common';
import { StaleChip } from './StaleChip';
import { formatDate } from '../../shared/format';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../../translation';

/** @public */
export type RunbookViewerProps = {
  runbook: Runbook;
  staleAfterDays: number;
};

/**
 * A runbook's Markdown, rendered with `MarkdownContent`: GitHub-flavoured Markdown
 * whose HTML is sanitised (no script, no event handlers, no `javascript:` links).
 *
 * @public
 */
export function RunbookViewer(props: RunbookViewerProps) {
  const { runbook, staleAfterDays } = props;
  const { t } = useTranslationRef(sreTranslationRef);
  return (
    <div data-testid="sre-runbook-viewer">
      <InfoCard
        title={runbook.title}
        subheader={
          <Box
            display="flex"
            alignItems="center"
            flexWrap="wrap"
            style={{ gap: 8 }}
            component="span"
          >
            <span>
              {runbook.lastReviewed
                ? t('runbooks.viewer.lastReviewed', {
                    date: formatDate(runbook.lastReviewed),
                  })
                : t('runbooks.viewer.neverReviewed')}
            </span>
            {runbook.stale && (
              <StaleChip
                lastReviewed={runbook.lastReviewed}
                staleAfterDays={staleAfterDays}
              />
            )}
            {runbook.url && (
              <Link to={runbook.url}>{t('runbooks.viewer.openSource')}</Link>
            )}
          </Box>
        }
      >
        {runbook.markdown?.trim() ? (
          <MarkdownContent content={runbook.markdown} dialect="gfm" />
        ) : (
          <Typography color="textSecondary">
            {t('runbooks.viewer.empty')}
          </Typography>
        )}
      </InfoCard>
    </div>
  );
}
