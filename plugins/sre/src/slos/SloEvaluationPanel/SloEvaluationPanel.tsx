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
function runDuration(t: SreTranslate, ms: number): string {
  return ms < 1000
    ? t('slos.evaluationPanel.milliseconds', { value: String(Math.round(ms)) })
    : t('slos.evaluationPanel.seconds', { value: (ms / 1000).toFixed(1) });
}

function timeAndAge(t: SreTranslate, iso: string, nowMs: number): string {
  return t('slos.evaluationPanel.timeAndAge', {
    time: formatDateTime(iso),
    ago: agoInWords(t, secondsSince(iso, nowMs)),
  });
}

/** Whether evaluation keeps up, in one sentence with what to do when not. */
function Summary(props: { health: SloEvaluatorHealth; nowMs: number }) {
  const { t } = useTranslationRef(sreTranslationRef);
  const { health, nowMs } = props;
  const every = intervalInWords(t, health.intervalSeconds);
  if (!health.stale && health.lastSuccessfulRunAt) {
    return (
      <Alert severity="success" data-testid="sre-slo-evaluation-summary">
        {t('slos.evaluationPanel.keepsUp', {
          every,
          ago: agoInWords(t, secondsSince(health.lastSuccessfulRunAt, nowMs)),
        })}
      </Alert>
    );
  }
  const what = health.lastSuccessfulRunAt
    ? t('slos.evaluationPanel.behind', {
        ago: agoInWords(t, secondsSince(health.lastSuccessfulRunAt, nowMs)),
        every,
      })
    : t('slos.evaluationPanel.neverRun', { every });
  return (
    <Alert severity="error" data-testid="sre-slo-evaluation-summary">
      {t('slos.evaluationPanel.markedStale', { what, task: TASK_ID })}
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
    <Field group mb={0} label={t('slos.evaluationPanel.backlog')}>
      {queue.rows === 0
        ? t('slos.evaluationPanel.backlogEmpty')
        : t('slos.evaluationPanel.backlogWaiting', {
            pushes: t('slos.count.pushes', { count: queue.rows }),
            size: formatBytes(queue.bytes),
            ago: agoInWords(t, ageSeconds),
          })}
      <Typography variant="caption" color="textSecondary" component="div">
        {t('slos.evaluationPanel.limits', {
          pushes: t('slos.count.pushes', { count: queue.limits.rows }),
          size: formatBytes(queue.limits.bytes),
          age: durationInWords(t, queue.limits.ageSeconds),
        })}
      </Typography>
      {full && (
        <Typography
          variant="caption"
          className={classes.warning}
          component="div"
        >
          {t('slos.evaluationPanel.queueFull')}
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
            {t('slos.evaluationPanel.lastError', {
              ago: agoInWords(t, secondsSince(lastRun.at, nowMs)),
              duration: runDuration(t, lastRun.durationMs),
              error: lastRun.error,
            })}
          </Alert>
        </Box>
      )}
      <div className={classes.fields}>
        <Field group mb={0} label={t('slos.evaluationPanel.lastSuccessfulRun')}>
          {health.lastSuccessfulRunAt
            ? timeAndAge(t, health.lastSuccessfulRunAt, nowMs)
            : t('slos.evaluationPanel.never')}
        </Field>
        <Field group mb={0} label={t('slos.evaluationPanel.lastRun')}>
          {lastRun
            ? t(
                lastRun.error
                  ? 'slos.evaluationPanel.lastRunFailed'
                  : 'slos.evaluationPanel.lastRunSucceeded',
                {
                  when: timeAndAge(t, lastRun.at, nowMs),
                  duration: runDuration(t, lastRun.durationMs),
                },
              )
            : t('slos.evaluationPanel.noneRecorded')}
        </Field>
        <Backlog health={health} nowMs={nowMs} />
        <Field group mb={0} label={t('slos.evaluationPanel.deadLetters')}>
          {deadLetters.count === 0 ? (
            t('slos.evaluationPanel.deadLettersNone')
          ) : (
            <span className={classes.warning}>
              {deadLetters.oldestFailedAt
                ? t('slos.evaluationPanel.deadLettersCountOldest', {
                    pushes: t('slos.count.pushes', {
                      count: deadLetters.count,
                    }),
                    ago: agoInWords(
                      t,
                      secondsSince(deadLetters.oldestFailedAt, nowMs),
                    ),
                  })
                : t('slos.evaluationPanel.deadLettersCount', {
                    pushes: t('slos.count.pushes', {
                      count: deadLetters.count,
                    }),
                  })}
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
  const { t } = useTranslationRef(sreTranslationRef);
  let content: ReactNode;
  if (error) {
    content = (
      <>
        <Typography variant="body2" paragraph>
          {t('slos.evaluationPanel.loadError')}
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
        title={t('slos.evaluationPanel.title')}
        subheader={t('slos.evaluationPanel.subheader')}
      >
        {content}
      </InfoCard>
    </div>
  );
}
