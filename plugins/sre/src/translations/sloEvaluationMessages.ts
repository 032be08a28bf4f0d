/** The texts of the SLO evaluation panel and its dead letters (`slos.*` of the plugin's translation ref). */
export const sloEvaluationMessages = {
  evaluationPanel: {
    title: 'SLO evaluation',
    subheader:
      'Whether SLO statuses are computed on time, and the pushes of SLI data that wait or failed',
    loadError:
      'The state of SLO evaluation could not be loaded, so it is not known whether the SLO statuses are current.',
    keepsUp:
      'Evaluation keeps up: it runs every {{every}}, and the last successful run was {{ago}}.',
    behind:
      'Evaluation is behind: the last successful run was {{ago}}, and it should run every {{every}}.',
    neverRun:
      'SLO evaluation has not completed a run yet; it should run every {{every}}.',
    markedStale:
      '{{what}} SLO statuses are marked stale (with the time they were last evaluated) until it catches up. Look in the backend logs for the task {{task}}.',
    milliseconds: '{{value}} ms',
    seconds: '{{value}} s',
    timeAndAge: '{{time}} ({{ago}})',
    lastError: 'The last run, {{ago}}, failed after {{duration}}: {{error}}',
    lastSuccessfulRun: 'Last successful run',
    never: 'Never',
    lastRun: 'Last run',
    lastRunSucceeded: '{{when}}, succeeded in {{duration}}',
    lastRunFailed: '{{when}}, failed in {{duration}}',
    noneRecorded: 'None recorded yet',
    backlog: 'Backlog',
    backlogEmpty: 'Nothing waiting: every accepted push is applied.',
    backlogWaiting:
      '{{pushes}} waiting ({{size}}), the oldest received {{ago}}.',
    limits: 'Limits: {{pushes}}, {{size}}, {{age}} old.',
    queueFull:
      'The queue is at a limit: new pushes are refused with 503 (try again later) until evaluation applies the backlog.',
    deadLetters: 'Dead letters',
    deadLettersNone: 'None: no accepted push has failed.',
    deadLettersCount:
      '{{pushes}} could not be applied. Their data is not counted until retried.',
    deadLettersCountOldest:
      '{{pushes}} could not be applied, the oldest failed {{ago}}. Their data is not counted until retried.',
  },
  deadLetters: {
    title: 'Dead letters',
    description:
      'Pushes that were accepted but could not be applied, even alone. Retry one once its cause is fixed (for example a conflicting bucket removed); discard one whose data is wrong.',
    checkingPermissions: 'Checking your permissions…',
    permissionError:
      'Your permissions could not be checked ({{error}}); reload the page to try again.',
    noPermission:
      'You may not retry or discard dead letters: you do not have the permission {{permission}}.',
    andMore: '{{names}} and {{more}} more',
    hiddenSlos: '{{slos}} you cannot see',
    retried:
      'The push received {{date}} is queued again; the next evaluation applies it or makes it a dead letter again.',
    discarded:
      'The push received {{date}} is discarded; its data will not be counted.',
    retryFailed: 'Could not retry the push received {{date}}: {{error}}',
    discardFailed: 'Could not discard the push received {{date}}: {{error}}',
    noneVisible: 'None of the dead letters concern SLOs you can see.',
    tableAriaLabel: 'Dead letters',
    failed: 'Failed',
    slos: 'SLOs',
    pushedBy: 'Pushed by',
    buckets: 'Buckets',
    error: 'Error',
    actions: 'Actions',
    received: 'received {{date}}',
    unknownPusher: 'unknown',
    retry: 'Retry',
    discard: 'Discard',
    perPage: 'Dead letters per page',
    dialogTitle: 'Discard this push?',
    dialogText:
      'Its {{buckets}}, received {{date}}, are dropped for good and never counted in any SLO.',
    cancel: 'Cancel',
  },
} as const;
