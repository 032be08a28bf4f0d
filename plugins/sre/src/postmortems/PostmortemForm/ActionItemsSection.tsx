import { useEffect, useMemo } from 'react';
import Typography from '@material-ui/core/Typography';
import { useFieldArray, useFormContext } from 'react-hook-form';
import {
  ACTION_ITEM_PRIORITIES,
  ACTION_ITEM_STATUSES,
  POSTMORTEM_LIMITS,
  ActionItemPriority,
  ActionItemStatus,
} from '@sre-catalog/backstage-plugin-sre-common';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { SreTranslate, sreTranslationRef } from '../../translation';
import { Section } from './formFields';
import { PostmortemFormState, newActionItem } from './postmortemFormState';
import { RepeatableRows, RowInputs, RowsDescription } from './RepeatableRows';

/** The inputs of an action item; the option texts of its selects come from `t`. */
function actionItemRows(t: SreTranslate): RowsDescription<'actionItems'> {
  return {
    list: 'actionItems',
    rowLabel: n => t('postmortems.form.actionItems.row', { n: String(n) }),
    removeLabel: n =>
      t('postmortems.form.actionItems.remove', { n: String(n) }),
    addLabel: t('postmortems.form.actionItems.add'),
    // A new item is owned by whoever owns the first one, usually the team.
    newRow: rows => newActionItem(rows[0]?.owner ?? ''),
    inputInRowLabel: (label, n) =>
      t('postmortems.form.actionItems.inputInRow', { label, n: String(n) }),
    divided: true,
    testId: 'sre-action-item-fields',
    fields: [
      {
        name: 'title',
        label: t('postmortems.form.actionItems.actionItem'),
        grow: true,
        inputProps: { maxLength: POSTMORTEM_LIMITS.actionItemTitle },
      },
      {
        name: 'owner',
        label: t('postmortems.form.actionItems.owner'),
        grow: true,
        hint: t('postmortems.form.actionItems.ownerHint', {
          groupRef: 'group:default/team',
          userRef: 'user:…',
        }),
      },
      {
        name: 'dueDate',
        label: t('postmortems.form.actionItems.dueDate'),
        kind: 'date',
      },
      {
        name: 'priority',
        label: t('postmortems.form.actionItems.priority'),
        kind: 'select',
        minWidth: 120,
        options: ACTION_ITEM_PRIORITIES,
        optionLabel: priority =>
          t(`postmortems.priority.${priority as ActionItemPriority}`),
      },
      {
        name: 'status',
        label: t('postmortems.form.actionItems.status'),
        kind: 'select',
        minWidth: 180,
        options: ACTION_ITEM_STATUSES,
        optionLabel: status =>
          t(`postmortems.actionItemStatus.${status as ActionItemStatus}`),
      },
      {
        name: 'trackingUrl',
        label: t('postmortems.form.actionItems.trackingLink'),
        grow: true,
        hint: t('postmortems.form.actionItems.trackingHint'),
      },
    ],
  };
}

function useActionItemRows(): RowsDescription<'actionItems'> {
  const { t } = useTranslationRef(sreTranslationRef);
  return useMemo(() => actionItemRows(t), [t]);
}

/**
 * The quick template's one action item: the first row, the others kept as they are.
 * A postmortem without any gets an empty row, which is not sent unless filled in.
 */
function QuickActionItem() {
  const { t } = useTranslationRef(sreTranslationRef);
  const rows = useActionItemRows();
  const { getValues } = useFormContext<PostmortemFormState>();
  const { fields, append } = useFieldArray<PostmortemFormState, 'actionItems'>({
    name: 'actionItems',
  });
  const empty = fields.length === 0;
  useEffect(() => {
    // The values, not `fields`: they change at once, so that a second run adds none.
    if (getValues('actionItems').length === 0) {
      append(newActionItem(), { shouldFocus: false });
    }
  }, [empty, append, getValues]);
  if (empty) return null;
  return (
    <>
      <RowInputs key={fields[0].id} rows={rows} index={0} />
      {fields.length > 1 && (
        <Typography variant="body2" color="textSecondary">
          {t('postmortems.form.actionItems.quickMore', {
            more: String(fields.length - 1),
          })}
        </Typography>
      )}
    </>
  );
}

/** Follow-ups with an owner and a due date: any number, or one in the quick template. */
export function ActionItemsSection(props: { full: boolean }) {
  const { full } = props;
  const { t } = useTranslationRef(sreTranslationRef);
  const rows = useActionItemRows();
  return (
    <Section
      title={
        full
          ? t('postmortems.form.actionItems.titleFull')
          : t('postmortems.form.actionItems.titleQuick')
      }
      description={
        full
          ? t('postmortems.form.actionItems.descriptionFull')
          : t('postmortems.form.actionItems.descriptionQuick')
      }
    >
      {full ? <RepeatableRows rows={rows} /> : <QuickActionItem />}
    </Section>
  );
}
