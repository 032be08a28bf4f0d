import {
  ACTION_ITEM_STATUSES,
  POSTMORTEM_CONTENT_FIELDS,
  POSTMORTEM_STATUSES,
  POSTMORTEM_TEMPLATES,
  PostmortemFieldChange,
} from '@sre-catalog/backstage-plugin-sre-common';
import { formatBudget } from '../postmortemLabels';
import { SreTranslate } from '../../translation';
import { formatDate, formatDateTime } from '../../shared/format';

/** Values longer than this (or of more than one line) are cut short inline. */
export const INLINE_LIMIT = 80;
/** The same for one line of a list change, which names an item and what changed in it. */
export const LINE_LIMIT = 160;
/** At most this many added, removed or changed items of a list are named inline. */
export const LIST_LIMIT = 5;

/** The label of a wire field; an unknown field as it is named. */
function fieldLabel(t: SreTranslate, name: string): string {
  // Each content field has a label (`postmortems.revisionChanges.field.*`).
  const known = POSTMORTEM_CONTENT_FIELDS.find(f => f === name);
  return known ? t(`postmortems.revisionChanges.field.${known}`) : name;
}

const TIME_FIELDS = new Set([
  'startedAt',
  'detectedAt',
  'mitigatedAt',
  'resolvedAt',
]);

/** One line of a list change. */
export type ListChangeLine = {
  kind: 'added' | 'removed' | 'changed';
  text: string;
};

/** A revision's change of one field, ready to show. */
export type RevisionChangeSummary = {
  field: string;
  label: string;
  /**
   * `value`: the old and the new value, short; `list`: the items added, removed and
   * changed, at most `LIST_LIMIT` of them (`more` counts the rest); `withheld`: the
   * backend sent neither value (they name an entity the caller cannot see).
   */
  change:
    | { kind: 'value'; before?: string; after?: string }
    | { kind: 'list'; lines: ListChangeLine[]; more: number }
    | { kind: 'withheld' };
  /** The whole old and new values as text, when the short form leaves something out. */
  full?: { before?: string; after?: string };
};

/** The first line of a text, at most `limit` characters. */
export function shorten(
  text: string,
  limit: number = INLINE_LIMIT,
): { text: string; cut: boolean } {
  const firstLine = text.split('\n', 1)[0];
  if (firstLine.length > limit) {
    return { text: `${firstLine.slice(0, limit - 1)}…`, cut: true };
  }
  if (firstLine.length < text.trimEnd().length) {
    return { text: `${firstLine}…`, cut: true };
  }
  return { text: firstLine, cut: false };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value the backend sent, as text, whatever its shape. */
function plain(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return JSON.stringify(value, null, 2) ?? '';
}

/** The text of a scalar field; undefined when it is empty. */
function valueText(
  t: SreTranslate,
  field: string,
  value: unknown,
): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') {
    if (TIME_FIELDS.has(field)) return formatDateTime(value);
    if (field === 'status') {
      const status = POSTMORTEM_STATUSES.find(known => known === value);
      return status ? t(`postmortems.status.${status}`) : value;
    }
    if (field === 'template') {
      const template = POSTMORTEM_TEMPLATES.find(known => known === value);
      return template ? t(`postmortems.template.${template}`) : value;
    }
  }
  if (Array.isArray(value) && value.length === 0) return undefined;
  return plain(value);
}

/** How the items of one list field are told apart, described and compared. */
type ListSpec = {
  key(item: unknown): string;
  describe(item: unknown): string;
  /** What changed between two items with the same key; undefined when nothing did. */
  diff?(before: unknown, after: unknown): string | undefined;
};

const field = (item: unknown, name: string): unknown =>
  isRecord(item) ? item[name] : undefined;
const text = (item: unknown, name: string): string => {
  const value = field(item, name);
  return value === undefined || value === null ? '' : plain(value);
};

const STRINGS: ListSpec = { key: plain, describe: plain };

function fromTo(
  name: string,
  before: unknown,
  after: unknown,
  show: (value: string) => string = v => v,
): string | undefined {
  const from = before === undefined || before === null ? '' : plain(before);
  const to = after === undefined || after === null ? '' : plain(after);
  if (from === to) return undefined;
  return `${name} ${from ? show(from) : '—'} → ${to ? show(to) : '—'}`;
}

/** An action item's state in words; an unknown state as written. */
function actionItemStatus(t: SreTranslate, value: string): string {
  const status = ACTION_ITEM_STATUSES.find(known => known === value);
  return status ? t(`postmortems.actionItemStatus.${status}`) : value;
}

/** The lists of a postmortem, by field; action item states in words with `t`. */
function listSpecs(t: SreTranslate): Record<string, ListSpec> {
  return {
    entityRefs: STRINGS,
    tags: STRINGS,
    contributingFactors: STRINGS,
    timeline: {
      key: item => `${text(item, 'at')}|${text(item, 'description')}`,
      describe: item =>
        `${formatDateTime(text(item, 'at'))}: ${text(item, 'description')}`,
    },
    links: {
      key: item => `${text(item, 'title')}|${text(item, 'url')}`,
      describe: item => `${text(item, 'title')} (${text(item, 'url')})`,
    },
    impactedSlos: {
      key: item => text(item, 'sloRef'),
      describe: item => {
        const budget = field(item, 'budgetConsumed');
        return typeof budget === 'number'
          ? `${text(item, 'sloRef')} (${formatBudget(budget)})`
          : text(item, 'sloRef');
      },
      diff: (before, after) => {
        const from = field(before, 'budgetConsumed');
        const to = field(after, 'budgetConsumed');
        if (from === to) return undefined;
        const show = (v: unknown) =>
          typeof v === 'number' ? formatBudget(v) : '—';
        return t('postmortems.revisionChanges.budget', {
          slo: text(after, 'sloRef'),
          from: show(from),
          to: show(to),
        });
      },
    },
    actionItems: {
      // Stored items keep their id; an item without one can only be told by title.
      key: item => text(item, 'id') || `title:${text(item, 'title')}`,
      describe: item => {
        const details = [
          text(item, 'owner'),
          text(item, 'dueDate') &&
            t('postmortems.revisionChanges.dueOn', {
              date: formatDate(text(item, 'dueDate')),
            }),
          text(item, 'priority'),
          text(item, 'status') && actionItemStatus(t, text(item, 'status')),
        ].filter(Boolean);
        return details.length
          ? `${text(item, 'title')} (${details.join(', ')})`
          : text(item, 'title');
      },
      diff: (before, after) => {
        const parts = [
          fromTo(
            t('postmortems.revisionChanges.item.title'),
            field(before, 'title'),
            field(after, 'title'),
          ),
          fromTo(
            t('postmortems.revisionChanges.item.status'),
            field(before, 'status'),
            field(after, 'status'),
            value => actionItemStatus(t, value),
          ),
          fromTo(
            t('postmortems.revisionChanges.item.owner'),
            field(before, 'owner'),
            field(after, 'owner'),
          ),
          fromTo(
            t('postmortems.revisionChanges.item.due'),
            field(before, 'dueDate'),
            field(after, 'dueDate'),
            formatDate,
          ),
          fromTo(
            t('postmortems.revisionChanges.item.priority'),
            field(before, 'priority'),
            field(after, 'priority'),
          ),
          fromTo(
            t('postmortems.revisionChanges.item.trackingLink'),
            field(before, 'trackingUrl'),
            field(after, 'trackingUrl'),
          ),
        ].filter(Boolean);
        return parts.length
          ? `${text(after, 'title')}: ${parts.join(', ')}`
          : undefined;
      },
    },
  };
}

/** The items of a list field (none when it had no value); undefined if not a list. */
function asList(value: unknown): unknown[] | undefined {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : undefined;
}

function listChange(
  t: SreTranslate,
  spec: ListSpec,
  beforeItems: unknown[],
  afterItems: unknown[],
): ListChangeLine[] {
  const beforeByKey = new Map(beforeItems.map(item => [spec.key(item), item]));
  const afterByKey = new Map(afterItems.map(item => [spec.key(item), item]));
  const all: ListChangeLine[] = [];
  for (const [key, item] of afterByKey) {
    if (!beforeByKey.has(key)) {
      all.push({ kind: 'added', text: spec.describe(item) });
    } else if (spec.diff) {
      const diff = spec.diff(beforeByKey.get(key), item);
      if (diff) all.push({ kind: 'changed', text: diff });
    }
  }
  for (const [key, item] of beforeByKey) {
    if (!afterByKey.has(key)) {
      all.push({ kind: 'removed', text: spec.describe(item) });
    }
  }
  if (all.length === 0) {
    all.push({
      kind: 'changed',
      text: t('postmortems.revisionChanges.orderChanged'),
    });
  }
  return all;
}

const listText = (spec: ListSpec, items: unknown[]): string | undefined =>
  items.length ? items.map(spec.describe).join('\n') : undefined;

/**
 * A revision's change of one field, for the history: scalars as old → new (cut short
 * when long), lists as the items added, removed and changed (action items by id, with
 * what changed in each), and the whole values when something was left out.
 */
export function summariseChange(
  t: SreTranslate,
  change: PostmortemFieldChange,
): RevisionChangeSummary {
  const label = fieldLabel(t, change.field);
  if (change.before === undefined && change.after === undefined) {
    return { field: change.field, label, change: { kind: 'withheld' } };
  }
  const spec = listSpecs(t)[change.field];
  const beforeItems = asList(change.before);
  const afterItems = asList(change.after);

  if (spec && beforeItems && afterItems) {
    const all = listChange(t, spec, beforeItems, afterItems);
    const shown = all.slice(0, LIST_LIMIT).map(line => {
      const short = shorten(line.text, LINE_LIMIT);
      return { line: { ...line, text: short.text }, cut: short.cut };
    });
    const cut = all.length > LIST_LIMIT || shown.some(s => s.cut);
    return {
      field: change.field,
      label,
      change: {
        kind: 'list',
        lines: shown.map(s => s.line),
        more: Math.max(0, all.length - LIST_LIMIT),
      },
      full: cut
        ? {
            before: listText(spec, beforeItems),
            after: listText(spec, afterItems),
          }
        : undefined,
    };
  }

  const before = valueText(t, change.field, change.before);
  const after = valueText(t, change.field, change.after);
  const shortBefore = before === undefined ? undefined : shorten(before);
  const shortAfter = after === undefined ? undefined : shorten(after);
  return {
    field: change.field,
    label,
    change: {
      kind: 'value',
      before: shortBefore?.text,
      after: shortAfter?.text,
    },
    full: shortBefore?.cut || shortAfter?.cut ? { before, after } : undefined,
  };
}
