import {
  ActionItemPriority,
  ActionItemStatus,
  CreatePostmortemRequest,
  Postmortem,
  PostmortemSeverity,
  PostmortemStatus,
  PostmortemTemplate,
} from '@sre-catalog/backstage-plugin-sre-common';

let nextKey = 0;
/** A key for a row of a list in the form, stable while the form is open. */
function key(): string {
  nextKey += 1;
  return `row-${nextKey}`;
}

/** An action item being edited; `id` is set for stored ones. */
export type ActionItemDraft = {
  key: string;
  id?: string;
  title: string;
  owner: string;
  /** `YYYY-MM-DD` or empty. */
  dueDate: string;
  priority: ActionItemPriority;
  status: ActionItemStatus;
  trackingUrl: string;
};

/** A timeline entry being edited; `at` as a `datetime-local` value. */
export type TimelineDraft = { key: string; at: string; description: string };

/** An impacted SLO being edited; the budget as a percentage. */
export type ImpactedSloDraft = {
  key: string;
  sloRef: string;
  budgetPercent: string;
  /** Whether the stored value was computed from the SLO's data. */
  computed: boolean;
  /** The stored percentage, to tell whether it was edited. */
  storedPercent?: string;
};

/** A link being edited. */
export type LinkDraft = { key: string; title: string; url: string };

/** A contributing factor being edited. */
export type FactorDraft = { key: string; text: string };

/**
 * Everything the postmortem form edits, as the inputs hold it: times as
 * `datetime-local` values in the browser's time zone, budgets as percentages.
 */
export type PostmortemFormState = {
  template: PostmortemTemplate;
  title: string;
  severity: PostmortemSeverity | '';
  status: PostmortemStatus;
  startedAt: string;
  detectedAt: string;
  mitigatedAt: string;
  resolvedAt: string;
  entityRefs: string[];
  summary: string;
  impact: string;
  timeline: TimelineDraft[];
  contributingFactors: FactorDraft[];
  wentWell: string;
  wentPoorly: string;
  lessons: string;
  tags: string[];
  links: LinkDraft[];
  impactedSlos: ImpactedSloDraft[];
  actionItems: ActionItemDraft[];
};

/** Defaults of a new postmortem. */
export type PostmortemFormDefaults = {
  /** The affected entities, e.g. the service whose page the form is on. */
  entityRefs: string[];
  /** The owner of new action items, e.g. the service's owning team. */
  owner?: string;
};

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO timestamp as a `datetime-local` value in the browser's time zone. */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(
    date.getDate(),
  )}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * A `datetime-local` value (browser time zone) as an ISO timestamp; undefined when
 * empty; unparseable input is passed on for the backend to name.
 */
export function fromLocalInput(value: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  const date = new Date(trimmed);
  return Number.isNaN(date.getTime()) ? trimmed : date.toISOString();
}

function percentOf(fraction: number): string {
  return String(Number((fraction * 100).toFixed(2)));
}

/** A new, empty action item owned by the default owner. */
export function newActionItem(owner = ''): ActionItemDraft {
  return {
    key: key(),
    title: '',
    owner,
    dueDate: '',
    priority: 'P2',
    status: 'open',
    trackingUrl: '',
  };
}

export function newTimelineEntry(): TimelineDraft {
  return { key: key(), at: '', description: '' };
}

export function newImpactedSlo(): ImpactedSloDraft {
  return { key: key(), sloRef: '', budgetPercent: '', computed: false };
}

export function newLink(): LinkDraft {
  return { key: key(), title: '', url: '' };
}

export function newFactor(): FactorDraft {
  return { key: key(), text: '' };
}

/** The form of a new postmortem: the template chosen, one empty action item. */
export function emptyFormState(
  template: PostmortemTemplate,
  defaults: PostmortemFormDefaults,
): PostmortemFormState {
  return {
    template,
    title: '',
    severity: '',
    status: 'draft',
    startedAt: '',
    detectedAt: '',
    mitigatedAt: '',
    resolvedAt: '',
    entityRefs: [...defaults.entityRefs],
    summary: '',
    impact: '',
    timeline: [],
    contributingFactors: [],
    wentWell: '',
    wentPoorly: '',
    lessons: '',
    tags: [],
    links: [],
    impactedSlos: [],
    actionItems: [newActionItem(defaults.owner)],
  };
}

/** The form of a stored postmortem, holding every field so that nothing is lost. */
export function formStateOf(postmortem: Postmortem): PostmortemFormState {
  return {
    template: postmortem.template,
    title: postmortem.title,
    severity: postmortem.severity,
    status: postmortem.status,
    startedAt: toLocalInput(postmortem.startedAt),
    detectedAt: toLocalInput(postmortem.detectedAt),
    mitigatedAt: toLocalInput(postmortem.mitigatedAt),
    resolvedAt: toLocalInput(postmortem.resolvedAt),
    entityRefs: [...postmortem.entityRefs],
    summary: postmortem.summary,
    impact: postmortem.impact ?? '',
    timeline: postmortem.timeline.map(entry => ({
      key: key(),
      at: toLocalInput(entry.at),
      description: entry.description,
    })),
    contributingFactors: postmortem.contributingFactors.map(text => ({
      key: key(),
      text,
    })),
    wentWell: postmortem.wentWell ?? '',
    wentPoorly: postmortem.wentPoorly ?? '',
    lessons: postmortem.lessons ?? '',
    tags: [...postmortem.tags],
    links: postmortem.links.map(link => ({ key: key(), ...link })),
    impactedSlos: postmortem.impactedSlos.map(slo => ({
      key: key(),
      sloRef: slo.sloRef,
      budgetPercent: percentOf(slo.budgetConsumed),
      computed: slo.computed,
      storedPercent: percentOf(slo.budgetConsumed),
    })),
    actionItems: postmortem.actionItems.map(item => ({
      key: key(),
      id: item.id,
      title: item.title,
      owner: item.owner,
      dueDate: item.dueDate ?? '',
      priority: item.priority,
      status: item.status,
      trackingUrl: item.trackingUrl ?? '',
    })),
  };
}

const text = (value: string) => (value.trim() ? value : undefined);

/** Whether an action item row was left empty (its defaults do not count). */
function isBlankActionItem(item: ActionItemDraft): boolean {
  return (
    !item.id &&
    !item.title.trim() &&
    !item.dueDate.trim() &&
    !item.trackingUrl.trim()
  );
}

/** The lists of the form whose rows map to array entries of the request. */
export type PostmortemFormList =
  | 'timeline'
  | 'contributingFactors'
  | 'links'
  | 'impactedSlos'
  | 'actionItems';

/** The request, and for each list the key of the form row behind each entry. */
export type BuiltPostmortemRequest = {
  request: CreatePostmortemRequest;
  rowKeys: Record<PostmortemFormList, string[]>;
};

/**
 * The request body for the form: blank optional fields left out, empty rows dropped,
 * times in UTC, budgets as fractions. Every field is sent, also those the quick form
 * does not show, because an update replaces the whole postmortem.
 */
export function buildPostmortemRequest(
  state: PostmortemFormState,
): BuiltPostmortemRequest {
  const timeline = state.timeline.filter(
    entry => entry.at.trim() || entry.description.trim(),
  );
  const factors = state.contributingFactors.filter(factor =>
    factor.text.trim(),
  );
  const links = state.links.filter(
    link => link.title.trim() || link.url.trim(),
  );
  const slos = state.impactedSlos.filter(
    slo => slo.sloRef.trim() || slo.budgetPercent.trim(),
  );
  const items = state.actionItems.filter(item => !isBlankActionItem(item));
  const request: CreatePostmortemRequest = {
    template: state.template,
    title: state.title.trim(),
    severity: (state.severity || undefined) as PostmortemSeverity,
    status: state.status,
    startedAt: fromLocalInput(state.startedAt) as string,
    detectedAt: fromLocalInput(state.detectedAt),
    mitigatedAt: fromLocalInput(state.mitigatedAt),
    resolvedAt: fromLocalInput(state.resolvedAt),
    entityRefs: state.entityRefs.map(ref => ref.trim()).filter(Boolean),
    summary: state.summary,
    impact: text(state.impact),
    timeline: timeline.map(entry => ({
      at: fromLocalInput(entry.at) as string,
      description: entry.description,
    })),
    contributingFactors: factors.map(factor => factor.text),
    wentWell: text(state.wentWell),
    wentPoorly: text(state.wentPoorly),
    lessons: text(state.lessons),
    tags: state.tags.map(tag => tag.trim()).filter(Boolean),
    links: links.map(link => ({
      title: link.title.trim(),
      url: link.url.trim(),
    })),
    impactedSlos: slos.map(slo =>
      // Left empty, or computed and unchanged: the backend computes it from the data.
      !slo.budgetPercent.trim() ||
      (slo.computed && slo.budgetPercent === slo.storedPercent)
        ? { sloRef: slo.sloRef.trim(), computed: true }
        : {
            sloRef: slo.sloRef.trim(),
            budgetConsumed: Number(slo.budgetPercent) / 100,
            computed: false,
          },
    ),
    actionItems: items.map(item => ({
      ...(item.id ? { id: item.id } : {}),
      title: item.title.trim(),
      owner: item.owner.trim(),
      dueDate: item.dueDate.trim() || undefined,
      priority: item.priority,
      status: item.status,
      trackingUrl: item.trackingUrl.trim() || undefined,
    })),
  };
  const keys = (rows: { key: string }[]) => rows.map(row => row.key);
  return {
    request,
    rowKeys: {
      timeline: keys(timeline),
      contributingFactors: keys(factors),
      links: keys(links),
      impactedSlos: keys(slos),
      actionItems: keys(items),
    },
  };
}

/**
 * Where an error about a request field shows in the form: `actionItems[1].owner`
 * becomes `actionItems#<row key>.owner`, so that it lands on the row the user sees
 * even when empty rows were left out of the request.
 */
export function formFieldOf(
  field: string,
  rowKeys: BuiltPostmortemRequest['rowKeys'],
): string {
  return field.replace(
    /^(timeline|contributingFactors|links|impactedSlos|actionItems)\[(\d+)\]/,
    (whole, list: PostmortemFormList, index: string) => {
      const rowKey = rowKeys[list][Number(index)];
      return rowKey ? `${list}#${rowKey}` : whole;
    },
  );
}
