import { useState } from 'react';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  SliDeadLetter,
  sloDeadLetterManagePermission,
} from '@sre-catalog/backstage-plugin-sre-common';
import { sreApiRef } from '../../api';
import { useSliDeadLetters } from '../useSliDeadLetters';
import { sloTitle } from '../sloFormat';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { SreTranslate, sreTranslationRef } from '../../translation';
import { Pager, usePaging } from '../../shared/Pager';
import { RetryableError } from '../../shared/RetryableError';
import { formatDateTime } from '../../shared/format';
import { CellCaption } from '../../shared/CellCaption';

const PAGE_SIZES = [10, 25, 50];

type Action = 'retry' | 'discard';

/** Whether the user may retry and discard, and if not, why (for a tooltip). */
function useManageAccess(t: SreTranslate): {
  allowed: boolean;
  reason?: string;
} {
  const result = usePermission({ permission: sloDeadLetterManagePermission });
  if (result.loading) {
    return {
      allowed: false,
      reason: t('slos.deadLetters.checkingPermissions'),
    };
  }
  if (result.error) {
    return {
      allowed: false,
      reason: t('slos.deadLetters.permissionError', {
        error: result.error.message,
      }),
    };
  }
  return result.allowed
    ? { allowed: true }
    : {
        allowed: false,
        reason: t('slos.deadLetters.noPermission', {
          permission: sloDeadLetterManagePermission.name,
        }),
      };
}

function SloNames(props: { letter: SliDeadLetter }) {
  const { t } = useTranslationRef(sreTranslationRef);
  const { sloRefs, hiddenSloCount } = props.letter;
  const names = sloRefs.map(ref => sloTitle({ sloRef: ref }));
  const first = names.slice(0, 3).join(', ');
  const shown =
    names.length > 3
      ? t('slos.deadLetters.andMore', {
          names: first,
          more: String(names.length - 3),
        })
      : first;
  const hidden =
    hiddenSloCount > 0
      ? `${names.length ? '; ' : ''}${t('slos.deadLetters.hiddenSlos', {
          slos: t('slos.count.slos', { count: hiddenSloCount }),
        })}`
      : '';
  return (
    <Tooltip title={sloRefs.join(', ')}>
      <span>
        {shown}
        {hidden}
      </span>
    </Tooltip>
  );
}

function ActionButton(props: {
  label: string;
  access: { allowed: boolean; reason?: string };
  busy: boolean;
  onClick: () => void;
}) {
  const { label, access, busy, onClick } = props;
  const button = (
    <Button
      size="small"
      variant="outlined"
      disabled={!access.allowed || busy}
      onClick={onClick}
    >
      {label}
    </Button>
  );
  if (access.allowed) return button;
  return (
    <Tooltip title={access.reason ?? ''}>
      {/* A disabled button gets no pointer events: the tooltip needs a wrapper. */}
      <span
        style={{ display: 'inline-block' }}
        data-testid="sre-dead-letter-denied"
      >
        {button}
      </span>
    </Tooltip>
  );
}

/**
 * The pushes of SLI data that could not be applied, newest page first as the
 * backend orders them, with Retry (queue it again) and Discard (drop it) for
 * those with `sre.slo.deadletter.manage`.
 */
export function DeadLetterList(props: { onChanged: () => void }) {
  const { t } = useTranslationRef(sreTranslationRef);
  const sreApi = useApi(sreApiRef);
  const paging = usePaging(PAGE_SIZES);
  const letters = useSliDeadLetters({
    limit: paging.pageSize,
    offset: paging.offset,
  });
  const access = useManageAccess(t);
  const [busy, setBusy] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [discarding, setDiscarding] = useState<SliDeadLetter | undefined>();

  const run = async (action: Action, letter: SliDeadLetter) => {
    setBusy(letter.id);
    setFailure(undefined);
    setDone(undefined);
    try {
      if (action === 'retry') await sreApi.retrySliDeadLetter(letter.id);
      else await sreApi.discardSliDeadLetter(letter.id);
      setDone(
        t(
          action === 'retry'
            ? 'slos.deadLetters.retried'
            : 'slos.deadLetters.discarded',
          { date: formatDateTime(letter.receivedAt) },
        ),
      );
      letters.retry();
      props.onChanged();
    } catch (error) {
      setFailure(
        t(
          action === 'retry'
            ? 'slos.deadLetters.retryFailed'
            : 'slos.deadLetters.discardFailed',
          {
            date: formatDateTime(letter.receivedAt),
            error: (error as Error).message,
          },
        ),
      );
    } finally {
      setBusy(undefined);
    }
  };

  let body;
  if (letters.error) {
    body = <RetryableError error={letters.error} retry={letters.retry} />;
  } else if (!letters.value) {
    body = <Progress />;
  } else if (letters.value.totalCount === 0) {
    body = (
      <Typography variant="body2">
        {t('slos.deadLetters.noneVisible')}
      </Typography>
    );
  } else {
    body = (
      <>
        <Table size="small" aria-label={t('slos.deadLetters.tableAriaLabel')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('slos.deadLetters.failed')}</TableCell>
              <TableCell>{t('slos.deadLetters.slos')}</TableCell>
              <TableCell>{t('slos.deadLetters.pushedBy')}</TableCell>
              <TableCell align="right">
                {t('slos.deadLetters.buckets')}
              </TableCell>
              <TableCell>{t('slos.deadLetters.error')}</TableCell>
              <TableCell>{t('slos.deadLetters.actions')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {letters.value.items.map(letter => (
              <TableRow key={letter.id} data-dead-letter={letter.id}>
                <TableCell style={{ whiteSpace: 'nowrap' }}>
                  {formatDateTime(letter.failedAt)}
                  <CellCaption>
                    {t('slos.deadLetters.received', {
                      date: formatDateTime(letter.receivedAt),
                    })}
                  </CellCaption>
                </TableCell>
                <TableCell>
                  <SloNames letter={letter} />
                </TableCell>
                <TableCell>
                  {letter.pushedBy ?? t('slos.deadLetters.unknownPusher')}
                </TableCell>
                <TableCell align="right">{letter.buckets}</TableCell>
                <TableCell>{letter.error}</TableCell>
                <TableCell style={{ whiteSpace: 'nowrap' }}>
                  <Box display="flex" style={{ gap: 8 }}>
                    <ActionButton
                      label={t('slos.deadLetters.retry')}
                      access={access}
                      busy={busy === letter.id}
                      onClick={() => run('retry', letter)}
                    />
                    <ActionButton
                      label={t('slos.deadLetters.discard')}
                      access={access}
                      busy={busy === letter.id}
                      onClick={() => setDiscarding(letter)}
                    />
                  </Box>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <Pager
          paging={paging}
          count={letters.value.totalCount}
          label={t('slos.deadLetters.perPage')}
        />
      </>
    );
  }

  return (
    <Box mt={2}>
      <Typography variant="h6" component="h3" gutterBottom>
        {t('slos.deadLetters.title')}
      </Typography>
      <Typography variant="body2" color="textSecondary" paragraph>
        {t('slos.deadLetters.description')}
      </Typography>
      {failure && (
        <Box mb={1}>
          <Alert severity="error">{failure}</Alert>
        </Box>
      )}
      {done && (
        <Box mb={1}>
          <Alert severity="success">{done}</Alert>
        </Box>
      )}
      {body}
      <Dialog
        open={discarding !== undefined}
        onClose={() => setDiscarding(undefined)}
        aria-labelledby="sre-discard-dead-letter-title"
      >
        <DialogTitle id="sre-discard-dead-letter-title">
          {t('slos.deadLetters.dialogTitle')}
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            {discarding
              ? t('slos.deadLetters.dialogText', {
                  buckets: t('slos.count.buckets', {
                    count: discarding.buckets,
                  }),
                  date: formatDateTime(discarding.receivedAt),
                })
              : ''}
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setDiscarding(undefined)}>
            {t('slos.deadLetters.cancel')}
          </Button>
          <Button
            color="secondary"
            onClick={() => {
              const letter = discarding!;
              setDiscarding(undefined);
              run('discard', letter);
            }}
          >
            {t('slos.deadLetters.discard')}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
