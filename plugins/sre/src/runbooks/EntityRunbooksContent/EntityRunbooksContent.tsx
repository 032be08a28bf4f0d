import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useSearchParams } from 'react-router-dom';
import { useEntityRunbooks } from '../useEntityRunbooks';
import { AlertCoverageTable } from './AlertCoverageTable';
import { RunbookList } from './RunbookList';
import { RunbookProblemsPanel } from './RunbookProblemsPanel';
import { RunbookViewer } from './RunbookViewer';
import { RunbooksHelp } from './RunbooksHelp';
import { AsyncContent } from '../../shared/AsyncContent';
import { EntityRunbooksResponse } from '@sre-catalog/backstage-plugin-sre-common';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../../translation';

/** The query parameter that holds the runbook shown below the list. */
const SELECTED_PARAM = 'runbook';

/**
 * The Runbooks tab of a Component or System: its runbooks from catalog links,
 * repository Markdown and SLO alert rules (stale ones marked), which alert each
 * covers and which alerts none does, problems reading them, and the selected
 * runbook's Markdown rendered safely. Without runbooks it explains how to add one.
 *
 * @public
 */
export function EntityRunbooksContent() {
  const { entity } = useEntity();
  const runbooks = useEntityRunbooks(entity);
  return (
    <AsyncContent state={runbooks} retry={runbooks.retry}>
      {value => <EntityRunbooks value={value} />}
    </AsyncContent>
  );
}

/** The loaded runbooks of the entity, with the one chosen in the URL below the list. */
function EntityRunbooks(props: { value: EntityRunbooksResponse }) {
  const { value } = props;
  const [searchParams, setSearchParams] = useSearchParams();
  const { t } = useTranslationRef(sreTranslationRef);

  const readable = value.runbooks.filter(r => r.markdown !== undefined);
  const requested = searchParams.get(SELECTED_PARAM);
  const selected =
    readable.find(r => r.id === requested) ??
    (requested ? undefined : readable[0]);
  const select = (id: string) =>
    setSearchParams(
      params => {
        const next = new URLSearchParams(params);
        next.set(SELECTED_PARAM, id);
        return next;
      },
      { replace: true },
    );
  const uncovered = value.uncoveredAlerts.length;
  const staleCount = value.runbooks.filter(r => r.stale).length;

  return (
    <Grid container spacing={3} data-testid="sre-runbooks-content">
      {value.problems.length > 0 && (
        <Grid item xs={12}>
          <RunbookProblemsPanel problems={value.problems} />
        </Grid>
      )}
      <Grid item xs={12}>
        {value.runbooks.length === 0 ? (
          <RunbooksHelp
            exampleAlert={value.uncoveredAlerts[0]}
            staleAfterDays={value.staleAfterDays}
          />
        ) : (
          <InfoCard
            title={t('runbooks.content.title')}
            subheader={
              staleCount > 0
                ? t('runbooks.content.someStale', {
                    stale: String(staleCount),
                    total: String(value.runbooks.length),
                    days: String(value.staleAfterDays),
                  })
                : t('runbooks.content.allReviewed', {
                    days: String(value.staleAfterDays),
                  })
            }
          >
            <RunbookList
              runbooks={value.runbooks}
              staleAfterDays={value.staleAfterDays}
              selectedId={selected?.id}
              onSelect={select}
            />
          </InfoCard>
        )}
      </Grid>
      {value.alerts.length > 0 && (
        <Grid item xs={12}>
          <InfoCard
            title={t('runbooks.content.alertCoverageTitle')}
            subheader={
              uncovered === 0
                ? t('runbooks.content.everyAlertCovered')
                : t('runbooks.content.uncoveredAlerts', {
                    uncovered: String(uncovered),
                    total: String(value.alerts.length),
                  })
            }
          >
            <AlertCoverageTable
              alerts={value.alerts}
              runbooks={value.runbooks}
              onSelect={select}
            />
            {uncovered > 0 && (
              <Box mt={1}>
                <Typography variant="body2" color="textSecondary">
                  {t('runbooks.content.coverHintStart')} <code>alerts</code>{' '}
                  {t('runbooks.content.coverHintMiddle')}{' '}
                  <code>runbook_url</code>.
                </Typography>
              </Box>
            )}
          </InfoCard>
        </Grid>
      )}
      {selected && (
        <Grid item xs={12}>
          <RunbookViewer
            runbook={selected}
            staleAfterDays={value.staleAfterDays}
          />
        </Grid>
      )}
    </Grid>
  );
}
