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
import { sreTranslationRef } from '../../translation';
import { Pager, usePaging } from '../../shared/Pager';
import { RetryableError } from '../../shared/RetryableError';
import { formatDateTime } from '../../shared/format';

const PAGE_SIZES = [10, 25, 50];

type Action = 'retry' | 'discard';

/** Whether the user may retry and discard, and if not, why (for a tooltip). */
function useManageAccess(): { allowed: boolean; reason?: string } {
  const result = usePermission({ permission: sloDeadLetterManagePermission });
  if (result.loading) {
    return { allowed: false, reason: 'Checking your permissions…' };
  }
  if (result.error) {
    return {
      allowed: false,
      reason: `Your permissions could not be checked (${result.error.message}); reload the page to try again.`,
    };
  }
  return result.allowed
    ? { allowed: true }
    : {
        allowed: false,
        reason: `You may not retry or discard dead letters: you do not have the permission ${sloDeadLetterManagePermission.name}.`,
      };
}

function SloNames(props: { letter: SliDeadLetter }) {
  const { t } = useTranslationRef(sreTranslationRef);
  const { sloRefs, hiddenSloCount } = props.letter;
  const names = sloRefs.map(ref => sloTitle({ sloRef: ref }));
  const shown = names.slice(0, 3).join(', ');
  const more = names.length > 3 ? ` and ${names.length - 3} more` : '';
  const hidden =
    hiddenSloCount > 0
      ? `${names.length ? '; ' : ''}${t('slos.count.slos', {
          count: hiddenSloCount,
        })} you cannot see`
      : '';
  return (
    <Tooltip title={sloRefs.join(', ')}>
      <span>
        {shown}
        {more}
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
  const access = useManageAccess();
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
        action === 'retry'
          ? `The push received ${formatDateTime(
              letter.receivedAt,
            )} is queued again; the next evaluation applies it or makes it a dead letter again.`
          : `The push received ${formatDateTime(
              letter.receivedAt,
            )} is discarded; its data will not be counted.`,
      );
      letters.retry();
      props.onChanged();
    } catch (error) {
      setFailure(
        `Could not ${action} the push received ${formatDateTime(
          letter.receivedAt,
        )}: ${(error as Error).message}`,
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
        None of the dead letters concern SLOs you can see.
      </Typography>
    );
  } else {
    body = (
      <>
        <Table size="small" aria-label="Dead letters">
          <TableHead>
            <TableRow>
              <TableCell>Failed</TableCell>
              <TableCell>SLOs</TableCell>
              <TableCell>Pushed by</TableCell>
              <TableCell align="right">Buckets</TableCell>
              <TableCell>Error</TableCell>
              <TableCell>Actions</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {letters.value.items.map(letter => (
              <TableRow key={letter.id} data-dead-letter={letter.id}>
                <TableCell style={{ whiteSpace: 'nowrap' }}>
                  {formatDateTime(letter.failedAt)}
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    component="div"
                  >
                    received {formatDateTime(letter.receivedAt)}
                  </Typography>
                </TableCell>
                <TableCell>
                  <SloNames letter={letter} />
                </TableCell>
                <TableCell>{letter.pushedBy ?? 'unknown'}</TableCell>
                <TableCell align="right">{letter.buckets}</TableCell>
                <TableCell>{letter.error}</TableCell>
                <TableCell style={{ whiteSpace: 'nowrap' }}>
                  <Box display="flex" style={{ gap: 8 }}>
                    <ActionButton
                      label="Retry"
                      access={access}
                      busy={busy === letter.id}
                      onClick={() => run('retry', letter)}
                    />
                    <ActionButton
                      label="Discard"
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
          label="Dead letters per page"
        />
      </>
    );
  }

  return (
    <Box mt={2}>
      <Typography variant="h6" component="h3" gutterBottom>
        Dead letters
      </Typography>
      <Typography variant="body2" color="textSecondary" paragraph>
        Pushes that were accepted but could not be applied, even alone. Retry
        one once its cause is fixed (for example a conflicting bucket removed);
        discard one whose data is wrong.
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
          Discard this push?
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            {discarding
              ? `Its ${t('slos.count.buckets', {
                  count: discarding.buckets,
                })}, received ${formatDateTime(
                  discarding.receivedAt,
                )}, are dropped for good and never counted in any SLO.`
              : ''}
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setDiscarding(undefined)}>Cancel</Button>
          <Button
            color="secondary"
            onClick={() => {
              const letter = discarding!;
              setDiscarding(undefined);
              run('discard', letter);
            }}
          >
            Discard
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
