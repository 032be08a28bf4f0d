import { Fragment, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { PostmortemFieldChange } from '@sre-catalog/backstage-plugin-sre-common';
import { RevisionChangeSummary, summariseChange } from './revisionChanges';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../../translation';

const useStyles = makeStyles(
  theme => ({
    list: { margin: 0, paddingLeft: theme.spacing(2) },
    before: { color: theme.palette.text.secondary },
    after: { textDecoration: 'none', fontWeight: 500 },
    full: {
      whiteSpace: 'pre-wrap',
      wordBreak: 'break-word',
      margin: theme.spacing(0.5, 0, 1),
      padding: theme.spacing(1),
      background: theme.palette.background.default,
      maxHeight: 320,
      overflow: 'auto',
    },
  }),
  { name: 'SrePostmortemRevisionChanges' },
);

/** @public */
export type PostmortemRevisionChangesProps = {
  /** The revision's `changes`, in the order of its `changedFields`. */
  changes: PostmortemFieldChange[];
  /** On version 1 there is no old value: only the values it was created with. */
  created?: boolean;
};

function ValueChange(props: {
  change: Extract<RevisionChangeSummary['change'], { kind: 'value' }>;
  created?: boolean;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(sreTranslationRef);
  const { before, after } = props.change;
  const newValue = (
    <ins className={classes.after}>
      {after ?? t('postmortems.revisionChanges.cleared')}
    </ins>
  );
  if (props.created) return newValue;
  return (
    <>
      <del className={classes.before}>{before ?? '—'}</del> → {newValue}
    </>
  );
}

function ListChange(props: {
  change: Extract<RevisionChangeSummary['change'], { kind: 'list' }>;
}) {
  const { lines, more } = props.change;
  const { t } = useTranslationRef(sreTranslationRef);
  return (
    <>
      {lines.map((line, index) => (
        <Fragment key={index}>
          {index > 0 && '; '}
          <span data-change={line.kind}>
            {t(`postmortems.revisionChanges.kind.${line.kind}`)} {line.text}
          </span>
        </Fragment>
      ))}
      {more > 0 &&
        t('postmortems.revisionChanges.andMore', { more: String(more) })}
    </>
  );
}

/** One whole value of a change, under its label, as it was cut short inline. */
function FullValue(props: { label: string; value: string | undefined }) {
  const classes = useStyles();
  return (
    <>
      <Typography variant="caption" component="div">
        {props.label}
      </Typography>
      <Typography variant="body2" component="div" className={classes.full}>
        {props.value ?? '—'}
      </Typography>
    </>
  );
}

function FieldChange(props: {
  summary: RevisionChangeSummary;
  created?: boolean;
}) {
  const { summary, created } = props;
  const [open, setOpen] = useState(false);
  const { t } = useTranslationRef(sreTranslationRef);
  return (
    <li data-field={summary.field}>
      <Typography variant="body2" component="span">
        <strong>{summary.label}</strong>:{' '}
        {summary.change.kind === 'value' && (
          <ValueChange change={summary.change} created={created} />
        )}
        {summary.change.kind === 'list' && (
          <ListChange change={summary.change} />
        )}
        {summary.change.kind === 'withheld' &&
          t('postmortems.revisionChanges.withheld')}
      </Typography>
      {summary.full && (
        <>
          {' '}
          <Button
            size="small"
            aria-expanded={open}
            aria-label={t(
              open
                ? 'postmortems.revisionChanges.hideAllOf'
                : 'postmortems.revisionChanges.showAllOf',
              { label: summary.label },
            )}
            onClick={() => setOpen(o => !o)}
          >
            {open
              ? t('postmortems.revisionChanges.hide')
              : t('postmortems.revisionChanges.showAll')}
          </Button>
          {open && (
            <Box data-testid="sre-revision-full-values">
              {!created && (
                <FullValue
                  label={t('postmortems.revisionChanges.before')}
                  value={summary.full.before}
                />
              )}
              <FullValue
                label={
                  created
                    ? t('postmortems.revisionChanges.value')
                    : t('postmortems.revisionChanges.after')
                }
                value={summary.full.after}
              />
            </Box>
          )}
        </>
      )}
    </li>
  );
}

/**
 * What one revision of a postmortem changed: each field with its old and new value
 * (long text cut short with a button to show all of it; lists as the items added,
 * removed and changed). Text is shown as text, never as markup.
 *
 * @public
 */
export function PostmortemRevisionChanges(
  props: PostmortemRevisionChangesProps,
) {
  const classes = useStyles();
  const { t } = useTranslationRef(sreTranslationRef);
  if (props.changes.length === 0) return <>—</>;
  return (
    <ul className={classes.list}>
      {props.changes.map(change => (
        <FieldChange
          key={change.field}
          summary={summariseChange(t, change)}
          created={props.created}
        />
      ))}
    </ul>
  );
}
