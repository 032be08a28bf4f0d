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
    rowName: 'action item',
    addLabel: 'Add an action item',
    // A new item is owned by whoever owns the first one, usually the team.
    newRow: rows => newActionItem(rows[0]?.owner ?? ''),
    nameInputsByRow: true,
    divided: true,
    testId: 'sre-action-item-fields',
    fields: [
      {
        name: 'title',
        label: 'Action item',
        grow: true,
        inputProps: { maxLength: POSTMORTEM_LIMITS.actionItemTitle },
      },
      {
        name: 'owner',
        label: 'Owner',
        grow: true,
        hint: 'group:default/team or user:…',
      },
      { name: 'dueDate', label: 'Due date', kind: 'date' },
      {
        name: 'priority',
        label: 'Priority',
        kind: 'select',
        minWidth: 120,
        options: ACTION_ITEM_PRIORITIES,
        optionLabel: priority =>
          t(`postmortems.priority.${priority as ActionItemPriority}`),
      },
      {
        name: 'status',
        label: 'Action item status',
        kind: 'select',
        minWidth: 180,
        options: ACTION_ITEM_STATUSES,
        optionLabel: status =>
          t(`postmortems.actionItemStatus.${status as ActionItemStatus}`),
      },
      {
        name: 'trackingUrl',
        label: 'Tracking link',
        grow: true,
        hint: 'Ticket URL',
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
          and {fields.length - 1} more, kept as they are; expand to the full
          template to edit them.
        </Typography>
      )}
    </>
  );
}

/** Follow-ups with an owner and a due date: any number, or one in the quick template. */
export function ActionItemsSection(props: { full: boolean }) {
  const { full } = props;
  const rows = useActionItemRows();
  return (
    <Section
      title={full ? 'Action items' : 'Action item'}
      description={
        full
          ? 'Follow-ups that make this less likely or less bad, each with an owner and a due date.'
          : 'One follow-up, with an owner and a due date. The full template takes more.'
      }
    >
      {full ? <RepeatableRows rows={rows} /> : <QuickActionItem />}
    </Section>
  );
}
