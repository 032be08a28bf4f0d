import {
  ActionItemPriority,
  ActionItemStatus,
  CreatePostmortemRequest,
  Postmortem,
  PostmortemSeverity,
  PostmortemStatus,
  PostmortemTemplate,
} from '@sre-catalog/backstage-plugin-sre-common';

/** An action item being edited; `id` is set for stored ones. */
export type ActionItemDraft = {
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
export type TimelineDraft = { at: string; description: string };

/** An impacted SLO being edited; the budget as a percentage. */
export type ImpactedSloDraft = {
  sloRef: string;
  budgetPercent: string;
  /** Whether the stored value was computed from the SLO's data. */
  computed: boolean;
  /** The stored percentage, to tell whether it was edited. */
  storedPercent?: string;
};

/** A link being edited. */
export type LinkDraft = { title: string; url: string };

/** A contributing factor being edited. */
export type FactorDraft = { text: string };

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
    title: '',
    owner,
    dueDate: '',
    priority: 'P2',
    status: 'open',
    trackingUrl: '',
  };
}

export function newTimelineEntry(): TimelineDraft {
  return { at: '', description: '' };
}

export function newImpactedSlo(): ImpactedSloDraft {
  return { sloRef: '', budgetPercent: '', computed: false };
}

export function newLink(): LinkDraft {
  return { title: '', url: '' };
}

export function newFactor(): FactorDraft {
  return { text: '' };
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
      at: toLocalInput(entry.at),
      description: entry.description,
    })),
    contributingFactors: postmortem.contributingFactors.map(text => ({
      text,
    })),
    wentWell: postmortem.wentWell ?? '',
    wentPoorly: postmortem.wentPoorly ?? '',
    lessons: postmortem.lessons ?? '',
    tags: [...postmortem.tags],
    links: postmortem.links.map(link => ({ ...link })),
    impactedSlos: postmortem.impactedSlos.map(slo => ({
      sloRef: slo.sloRef,
      budgetPercent: percentOf(slo.budgetConsumed),
      computed: slo.computed,
      storedPercent: percentOf(slo.budgetConsumed),
    })),
    actionItems: postmortem.actionItems.map(item => ({
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

/** The request, and for each list the index of the form row behind each entry. */
export type BuiltPostmortemRequest = {
  request: CreatePostmortemRequest;
  rowIndexes: Record<PostmortemFormList, number[]>;
};

/** The rows worth sending, with their index in the form. */
function kept<T>(rows: T[], keep: (row: T) => boolean) {
  return rows.flatMap((row, index) => (keep(row) ? [{ row, index }] : []));
}

/**
 * The request body for the form: blank optional fields left out, empty rows dropped,
 * times in UTC, budgets as fractions. Every field is sent, also those the quick form
 * does not show, because an update replaces the whole postmortem.
 */
export function buildPostmortemRequest(
  state: PostmortemFormState,
): BuiltPostmortemRequest {
  const timeline = kept(
    state.timeline,
    entry => !!(entry.at.trim() || entry.description.trim()),
  );
  const factors = kept(
    state.contributingFactors,
    factor => !!factor.text.trim(),
  );
  const links = kept(
    state.links,
    link => !!(link.title.trim() || link.url.trim()),
  );
  const slos = kept(
    state.impactedSlos,
    slo => !!(slo.sloRef.trim() || slo.budgetPercent.trim()),
  );
  const items = kept(state.actionItems, item => !isBlankActionItem(item));
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
    timeline: timeline.map(({ row: entry }) => ({
      at: fromLocalInput(entry.at) as string,
      description: entry.description,
    })),
    contributingFactors: factors.map(({ row: factor }) => factor.text),
    wentWell: text(state.wentWell),
    wentPoorly: text(state.wentPoorly),
    lessons: text(state.lessons),
    tags: state.tags.map(tag => tag.trim()).filter(Boolean),
    links: links.map(({ row: link }) => ({
      title: link.title.trim(),
      url: link.url.trim(),
    })),
    impactedSlos: slos.map(({ row: slo }) =>
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
    actionItems: items.map(({ row: item }) => ({
      ...(item.id ? { id: item.id } : {}),
      title: item.title.trim(),
      owner: item.owner.trim(),
      dueDate: item.dueDate.trim() || undefined,
      priority: item.priority,
      status: item.status,
      trackingUrl: item.trackingUrl.trim() || undefined,
    })),
  };
  const indexes = (rows: { index: number }[]) => rows.map(row => row.index);
  return {
    request,
    rowIndexes: {
      timeline: indexes(timeline),
      contributingFactors: indexes(factors),
      links: indexes(links),
      impactedSlos: indexes(slos),
      actionItems: indexes(items),
    },
  };
}
