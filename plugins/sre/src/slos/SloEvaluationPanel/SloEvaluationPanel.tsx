import { ReactNode } from 'react';
import { InfoCard, Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { SloEvaluatorHealth } from '@sre-catalog/backstage-plugin-sre-common';
import { useSloEvaluatorHealth } from '../useSloEvaluatorHealth';
import { agoInWords, durationInWords, intervalInWords } from '../sloLabels';
import { formatBytes, secondsSince } from '../sloFormat';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { SreTranslate, sreTranslationRef } from '../../translation';
import { Field } from '../../shared/Field';
import { RetryableError } from '../../shared/RetryableError';
import { DeadLetterList } from './DeadLetterList';
import { formatDateTime } from '../../shared/format';

const useStyles = makeStyles(
  theme => ({
    fields: {
      display: 'grid',
      gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))',
      gap: theme.spacing(2),
      margin: theme.spacing(2, 0),
    },
    warning: {
      color: theme.palette.warning.dark,
      fontWeight: 600,
    },
  }),
  { name: 'SreSloEvaluationPanel' },
);

/** The task to look for in the backend logs. */
const TASK_ID = 'sre-slo-evaluation';

/** `420 ms`, `2.5 s`. */
function runDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function timeAndAge(t: SreTranslate, iso: string, nowMs: number): string {
  return `${formatDateTime(iso)} (${agoInWords(t, secondsSince(iso, nowMs))})`;
}

/** Whether evaluation keeps up, in one sentence with what to do when not. */
function Summary(props: { health: SloEvaluatorHealth; nowMs: number }) {
  const { t } = useTranslationRef(sreTranslationRef);
  const { health, nowMs } = props;
  const every = intervalInWords(t, health.intervalSeconds);
  if (!health.stale && health.lastSuccessfulRunAt) {
    return (
      <Alert severity="success" data-testid="sre-slo-evaluation-summary">
        Evaluation keeps up: it runs every {every}, and the last successful run
        was {agoInWords(t, secondsSince(health.lastSuccessfulRunAt, nowMs))}.
      </Alert>
    );
  }
  const what = health.lastSuccessfulRunAt
    ? `Evaluation is behind: the last successful run was ${agoInWords(
        t,
        secondsSince(health.lastSuccessfulRunAt, nowMs),
      )}, and it should run every ${every}.`
    : `SLO evaluation has not completed a run yet; it should run every ${every}.`;
  return (
    <Alert severity="error" data-testid="sre-slo-evaluation-summary">
      {what} SLO statuses are marked stale (with the time they were last
      evaluated) until it catches up. Look in the backend logs for the task{' '}
      {TASK_ID}.
    </Alert>
  );
}

function Backlog(props: { health: SloEvaluatorHealth; nowMs: number }) {
  const { t } = useTranslationRef(sreTranslationRef);
  const { queue } = props.health;
  const classes = useStyles();
  const ageSeconds = queue.oldestReceivedAt
    ? secondsSince(queue.oldestReceivedAt, props.nowMs)
    : 0;
  const full =
    queue.rows >= queue.limits.rows ||
    queue.bytes >= queue.limits.bytes ||
    ageSeconds >= queue.limits.ageSeconds;
  return (
    <Field group mb={0} label="Backlog">
      {queue.rows === 0 ? (
        'Nothing waiting: every accepted push is applied.'
      ) : (
        <>
          {t('slos.count.pushes', { count: queue.rows })} waiting (
          {formatBytes(queue.bytes)}), the oldest received{' '}
          {agoInWords(t, ageSeconds)}.
        </>
      )}
      <Typography variant="caption" color="textSecondary" component="div">
        Limits: {t('slos.count.pushes', { count: queue.limits.rows })},{' '}
        {formatBytes(queue.limits.bytes)},{' '}
        {durationInWords(t, queue.limits.ageSeconds)} old.
      </Typography>
      {full && (
        <Typography
          variant="caption"
          className={classes.warning}
          component="div"
        >
          The queue is at a limit: new pushes are refused with 503 (try again
          later) until evaluation applies the backlog.
        </Typography>
      )}
    </Field>
  );
}

function HealthDetails(props: {
  health: SloEvaluatorHealth;
  onChanged: () => void;
}) {
  const { t } = useTranslationRef(sreTranslationRef);
  const { health, onChanged } = props;
  const classes = useStyles();
  const nowMs = Date.now();
  const { lastRun, deadLetters } = health;
  return (
    <>
      <Summary health={health} nowMs={nowMs} />
      {lastRun?.error && (
        <Box mt={1}>
          <Alert severity="warning" data-testid="sre-slo-evaluation-last-error">
            The last run, {agoInWords(t, secondsSince(lastRun.at, nowMs))},
            failed after {runDuration(lastRun.durationMs)}: {lastRun.error}
          </Alert>
        </Box>
      )}
      <div className={classes.fields}>
        <Field group mb={0} label="Last successful run">
          {health.lastSuccessfulRunAt
            ? timeAndAge(t, health.lastSuccessfulRunAt, nowMs)
            : 'Never'}
        </Field>
        <Field group mb={0} label="Last run">
          {lastRun
            ? `${timeAndAge(t, lastRun.at, nowMs)}, ${
                lastRun.error ? 'failed' : 'succeeded'
              } in ${runDuration(lastRun.durationMs)}`
            : 'None recorded yet'}
        </Field>
        <Backlog health={health} nowMs={nowMs} />
        <Field group mb={0} label="Dead letters">
          {deadLetters.count === 0 ? (
            'None: no accepted push has failed.'
          ) : (
            <span className={classes.warning}>
              {t('slos.count.pushes', { count: deadLetters.count })} could not
              be applied
              {deadLetters.oldestFailedAt
                ? `, the oldest failed ${agoInWords(
                    t,
                    secondsSince(deadLetters.oldestFailedAt, nowMs),
                  )}`
                : ''}
              . Their data is not counted until retried.
            </span>
          )}
        </Field>
      </div>
      {deadLetters.count > 0 && <DeadLetterList onChanged={onChanged} />}
    </>
  );
}

/**
 * Whether SLO evaluation keeps up, for operators: the last successful run, the
 * last run and its error, the backlog of pushes waiting, and the dead letters
 * with Retry and Discard for those who may manage them.
 *
 * @public
 */
export function SloEvaluationPanel() {
  const { value, error, retry } = useSloEvaluatorHealth();
  let content: ReactNode;
  if (error) {
    content = (
      <>
        <Typography variant="body2" paragraph>
          The state of SLO evaluation could not be loaded, so it is not known
          whether the SLO statuses are current.
        </Typography>
        <RetryableError error={error} retry={retry} />
      </>
    );
  } else if (!value) {
    content = <Progress />;
  } else {
    content = <HealthDetails health={value} onChanged={retry} />;
  }
  return (
    <div data-testid="sre-slo-evaluation">
      <InfoCard
        title="SLO evaluation"
        subheader="Whether SLO statuses are computed on time, and the pushes of SLI data that wait or failed"
      >
        {content}
      </InfoCard>
    </div>
  );
}
