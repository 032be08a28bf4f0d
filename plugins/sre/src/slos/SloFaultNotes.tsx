import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { SloStatus } from '@sre-catalog/backstage-plugin-sre-common';
import { refusedInWords, staleInWords } from './sloLabels';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../translation';

const useStyles = makeStyles(
  theme => ({
    caption: {
      display: 'block',
      color: theme.palette.warning.dark,
      fontWeight: 600,
    },
  }),
  { name: 'SreSloFaultNotes' },
);

/** @public */
export type SloFaultNotesProps = {
  slo: Pick<SloStatus, 'stale' | 'refused'>;
  /** `alert` (the default): warning boxes, for a full card; `caption`: a line each, for lists. */
  variant?: 'alert' | 'caption';
};

/**
 * What a status does not show by its numbers: that its evaluation is behind (the
 * numbers are old), and that pushes of SLI data to it were refused. Nothing when
 * neither applies.
 *
 * @public
 */
export function SloFaultNotes(props: SloFaultNotesProps) {
  const { t } = useTranslationRef(sreTranslationRef);
  const { slo, variant = 'alert' } = props;
  const classes = useStyles();
  const notes: { key: string; text: string }[] = [];
  if (slo.stale) {
    notes.push({
      key: 'stale',
      text:
        variant === 'alert'
          ? t('slos.faultNotes.staleAlert', {
              note: staleInWords(t, slo.stale),
            })
          : staleInWords(t, slo.stale),
    });
  }
  if (slo.refused) {
    notes.push({
      key: 'refused',
      text:
        variant === 'alert'
          ? t('slos.faultNotes.refusedAlert', {
              note: refusedInWords(t, slo.refused),
            })
          : refusedInWords(t, slo.refused),
    });
  }
  if (!notes.length) return null;
  if (variant === 'caption') {
    return (
      <>
        {notes.map(note => (
          <Typography
            key={note.key}
            variant="caption"
            className={classes.caption}
            data-testid={`sre-slo-${note.key}`}
          >
            {note.text}
          </Typography>
        ))}
      </>
    );
  }
  return (
    <>
      {notes.map(note => (
        <Box mb={2} key={note.key}>
          <Alert severity="warning" data-testid={`sre-slo-${note.key}`}>
            {note.text}
          </Alert>
        </Box>
      ))}
    </>
  );
}
