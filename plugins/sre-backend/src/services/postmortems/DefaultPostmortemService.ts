import {
  AuthService,
  BackstageCredentials,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_HAS_MEMBER,
  RELATION_OWNED_BY,
} from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  ActionItem,
  CreatePostmortemRequest,
  ImpactedSlo,
  ListActionItemsRequest,
  ListActionItemsResponse,
  ListPostmortemsRequest,
  ListPostmortemsResponse,
  ListRequiredPostmortemsResponse,
  POSTMORTEM_BUDGET_THRESHOLD,
  Postmortem,
  PostmortemHistoryResponse,
  RequiredPostmortemEntry,
  UpdatePostmortemRequest,
  entityRefIn,
  evaluatePostmortemPolicy,
  isIsoDate,
  isIsoDateTime,
  postmortemCreatePermission,
  postmortemUpdatePermission,
  requiresPostmortem,
} from '@sre-catalog/backstage-plugin-sre-common';
import { randomUUID } from 'crypto';
import { IncidentBudgets } from '../slo/SloBudgetCalculator';
import { SloIncident, SloIncidentStore } from '../slo/SloIncidentStore';
import { changedPostmortemFields } from './changedPostmortemFields';
import {
  ParsedPostmortemRequest,
  parsePostmortemRequest,
} from './parsePostmortemRequest';
import { postmortemPermissionResourceRef } from './postmortemPermissionRules';
import {
  PostmortemRequestOptions,
  PostmortemService,
} from './PostmortemService';
import {
  PostmortemContent,
  PostmortemEntityOwner,
  PostmortemStore,
} from './PostmortemStore';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MAX_SEARCH_TERMS = 10;
/** Detected incidents listed as needing a postmortem: the last 35 days. */
const INCIDENT_LOOKBACK_MS = 35 * DAY;
/** A postmortem covers a detected incident when it started this close to it. */
const INCIDENT_MATCH_MS = 6 * HOUR;

/** What the catalog look-up reads of each referenced entity. */
const ENTITY_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'spec.owner',
  'relations',
];

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/** Owners of an entity: its ownedBy relations, else its spec.owner. */
function ownersOf(entity: Entity): string[] {
  const related = (entity.relations ?? [])
    .filter(r => r.type === RELATION_OWNED_BY)
    .map(r => lower(r.targetRef));
  if (related.length) return [...new Set(related)];
  const owner = entityRefIn(entity, entity.spec?.owner, 'group');
  return owner ? [owner] : [];
}

/** A `from`/`to` bound in epoch milliseconds; a date covers its whole day (UTC). */
function boundMs(
  field: 'from' | 'to',
  value: string | undefined,
): number | undefined {
  if (value === undefined) return undefined;
  if (isIsoDate(value)) {
    const start = Date.parse(`${value}T00:00:00Z`);
    return field === 'from' ? start : start + DAY - 1;
  }
  if (isIsoDateTime(value)) return Date.parse(value);
  throw new InputError(
    `Invalid query parameter ${field}: must be a date (YYYY-MM-DD) or an ISO-8601 timestamp`,
  );
}

const clamp = (value: number | undefined, min: number, max: number) =>
  Math.min(max, Math.max(min, Math.floor(value ?? min)));

const percent = (fraction: number) => `${Math.round(fraction * 1000) / 10}%`;

/** How a detected incident without a postmortem shows in the required list. */
function uncoveredEntry(incident: SloIncident): RequiredPostmortemEntry {
  const startedAt = new Date(incident.startMs).toISOString();
  const endedAt = new Date(incident.endMs).toISOString();
  return {
    startedAt,
    endedAt,
    entityRefs: [incident.serviceRef],
    impactedSlos: [
      {
        sloRef: incident.sloRef,
        budgetConsumed: incident.budgetConsumed,
        computed: true,
      },
    ],
    reason: `${incident.sloRef} lost ${percent(
      incident.budgetConsumed,
    )} of its error budget from ${startedAt} to ${endedAt} (more than ${percent(
      POSTMORTEM_BUDGET_THRESHOLD,
    )}), and no postmortem of ${incident.serviceRef} covers that time`,
  };
}

/** Rules, catalog look-ups and permission decisions of the postmortem registry. */
export class DefaultPostmortemService implements PostmortemService {
  private constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      permissions: PermissionsService;
      permissionsRegistry: PermissionsRegistryService;
      store: PostmortemStore;
      budgets?: IncidentBudgets;
      incidents?: SloIncidentStore;
      now: () => Date;
    },
  ) {}

  static create(options: {
    catalog: CatalogService;
    auth: AuthService;
    permissions: PermissionsService;
    permissionsRegistry: PermissionsRegistryService;
    store: PostmortemStore;
    /** Computes the budget impacted SLOs lost, when a request leaves it out. */
    budgets?: IncidentBudgets;
    /** Incidents found in the SLI data, for the list of missing postmortems. */
    incidents?: SloIncidentStore;
    /** For tests. */
    now?: () => Date;
  }): DefaultPostmortemService {
    return new DefaultPostmortemService({
      ...options,
      now: options.now ?? (() => new Date()),
    });
  }

  async create(
    request: CreatePostmortemRequest,
    { credentials }: PostmortemRequestOptions,
  ): Promise<Postmortem> {
    const { auth, permissions, store } = this.deps;
    const by = this.principalOf(credentials);
    if (auth.isPrincipal(credentials, 'user')) {
      const [decision] = await permissions.authorize(
        [{ permission: postmortemCreatePermission }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `Writing a postmortem needs the ${postmortemCreatePermission.name} permission`,
        );
      }
    }
    const now = this.deps.now();
    const parsed = parsePostmortemRequest(request, { mode: 'create', now });
    const content = this.contentOf(
      parsed,
      await this.impactedSlosOf(parsed, now),
      new Set(),
    );
    const owners = await this.resolveRefs(content, undefined, credentials);
    return store.create(randomUUID(), {
      content,
      owners,
      policy: evaluatePostmortemPolicy(content),
      changedFields: changedPostmortemFields(undefined, content),
      by,
      at: now,
    });
  }

  async get(id: string, _options: PostmortemRequestOptions) {
    const postmortem = await this.deps.store.get(id);
    if (!postmortem) throw new NotFoundError(`No postmortem ${id}`);
    return postmortem;
  }

  async update(
    id: string,
    request: UpdatePostmortemRequest,
    options: PostmortemRequestOptions,
  ): Promise<Postmortem> {
    const { credentials } = options;
    const { store } = this.deps;
    const by = this.principalOf(credentials);
    const stored = await this.get(id, options);
    const mayEdit = await this.updateDecision(credentials);
    if (!mayEdit(stored)) {
      throw new NotAllowedError(
        `Changing postmortem ${id} needs the ${postmortemUpdatePermission.name} permission for it`,
      );
    }
    const now = this.deps.now();
    const parsed = parsePostmortemRequest(request, { mode: 'update', now });
    if (parsed.id !== undefined && parsed.id !== id) {
      throw new InputError(
        `Invalid id: the body is postmortem ${String(parsed.id).slice(
          0,
          80,
        )}, the path ${id}`,
      );
    }
    if (parsed.version !== stored.version) {
      throw new ConflictError(
        `Postmortem ${id} is at version ${stored.version}, but the edit is based on version ${parsed.version}; reload it and apply the edit again`,
      );
    }
    if (stored.template === 'full' && parsed.template === 'quick') {
      throw new InputError(
        'Invalid template: a full postmortem cannot become a quick one',
      );
    }
    const content = this.contentOf(
      parsed,
      await this.impactedSlosOf(parsed, now, stored),
      new Set(stored.actionItems.map(item => item.id)),
    );
    const owners = await this.resolveRefs(
      content,
      {
        refs: new Set([
          ...stored.entityRefs,
          ...stored.impactedSlos.map(s => s.sloRef),
          ...stored.actionItems.map(item => item.owner),
        ]),
        owners: await store.getEntityOwners(id),
      },
      credentials,
    );
    const policy = evaluatePostmortemPolicy(content);
    const proposed: Postmortem = {
      ...stored,
      ...content,
      ownerRefs: [...new Set(owners.map(o => o.ownerRef))].sort(),
      policy,
    };
    if (!mayEdit(proposed)) {
      throw new NotAllowedError(
        `The edit would take postmortem ${id} outside what ${postmortemUpdatePermission.name} allows you to change`,
      );
    }
    const changedFields = changedPostmortemFields(stored, content);
    if (!changedFields.length) return stored;
    return store.update(id, stored.version, {
      content,
      owners,
      policy,
      changedFields,
      by,
      at: now,
    });
  }

  async list(
    request: ListPostmortemsRequest,
    _options: PostmortemRequestOptions,
  ): Promise<ListPostmortemsResponse> {
    const terms = [
      ...new Set(
        lower(request.q ?? '')
          .split(/\s+/)
          .filter(Boolean),
      ),
    ].slice(0, MAX_SEARCH_TERMS);
    return this.deps.store.list({
      entityRef: request.entityRef && lower(request.entityRef),
      ownerRef: request.owner && lower(request.owner),
      severity: request.severity,
      status: request.status,
      tag: request.tag && lower(request.tag.trim()),
      fromMs: boundMs('from', request.from),
      toMs: boundMs('to', request.to),
      terms,
      limit: clamp(request.limit ?? 20, 1, 100),
      offset: clamp(request.offset, 0, Number.MAX_SAFE_INTEGER),
    });
  }

  async getHistory(
    id: string,
    options: PostmortemRequestOptions,
  ): Promise<PostmortemHistoryResponse> {
    await this.get(id, options);
    return {
      postmortemId: id,
      revisions: await this.deps.store.getRevisions(id),
    };
  }

  async listActionItems(
    request: ListActionItemsRequest,
    { credentials }: PostmortemRequestOptions,
  ): Promise<ListActionItemsResponse> {
    return this.deps.store.listActionItems({
      overdue: request.overdue,
      today: this.deps.now().toISOString().slice(0, 10),
      ownerRef: request.owner && lower(request.owner),
      ownerRefs: request.team
        ? await this.teamRefs(lower(request.team), credentials)
        : undefined,
      status: request.status,
      priority: request.priority,
      entityRef: request.entityRef && lower(request.entityRef),
      limit: clamp(request.limit ?? 100, 1, 500),
      offset: clamp(request.offset, 0, Number.MAX_SAFE_INTEGER),
    });
  }

  /**
   * Incidents the error budget policy requires a postmortem for, that lack it: first
   * fast burns found in the SLI data that no postmortem covers, newest first, then
   * postmortems that lack their P0 action item.
   */
  async listRequired(
    request: { limit?: number; offset?: number },
    _options: PostmortemRequestOptions,
  ): Promise<ListRequiredPostmortemsResponse> {
    const limit = clamp(request.limit ?? 100, 1, 500);
    const offset = clamp(request.offset, 0, Number.MAX_SAFE_INTEGER);
    const uncovered = await this.uncoveredIncidents();
    const violations = await this.deps.store.listPolicyViolations({
      limit: Math.max(1, limit - Math.max(0, uncovered.length - offset)),
      offset: Math.max(0, offset - uncovered.length),
    });
    const fromViolations = violations.items.map(
      (p): RequiredPostmortemEntry => ({
        startedAt: p.startedAt,
        endedAt: p.resolvedAt ?? p.mitigatedAt,
        entityRefs: p.entityRefs,
        impactedSlos: requiresPostmortem(p.impactedSlos).triggeredBy,
        reason: p.policy.reason,
        postmortem: {
          id: p.id,
          title: p.title,
          status: p.status,
          policy: p.policy,
        },
      }),
    );
    return {
      items: [
        ...uncovered.slice(offset, offset + limit).map(uncoveredEntry),
        ...fromViolations,
      ].slice(0, limit),
      totalCount: uncovered.length + violations.totalCount,
    };
  }

  /**
   * Detected incidents with no postmortem of their service that started within
   * INCIDENT_MATCH_MS of them (or during them).
   */
  private async uncoveredIncidents(): Promise<SloIncident[]> {
    const { incidents, store } = this.deps;
    if (!incidents) return [];
    const nowMs = this.deps.now().getTime();
    const detected = await incidents.listIncidents({
      fromMs: nowMs - INCIDENT_LOOKBACK_MS,
      toMs: nowMs,
    });
    if (!detected.length) return [];
    const windows = detected.map(incident => ({
      fromMs: incident.startMs - INCIDENT_MATCH_MS,
      toMs: incident.endMs + INCIDENT_MATCH_MS,
    }));
    // One look-up for all incidents (not one each): the start times of their services'
    // postmortems over the span of all windows, matched to each window below.
    const startTimes = await store.getStartTimes({
      entityRefs: detected.map(incident => incident.serviceRef),
      fromMs: windows.reduce((min, w) => Math.min(min, w.fromMs), Infinity),
      toMs: windows.reduce((max, w) => Math.max(max, w.toMs), -Infinity),
    });
    return detected.filter((incident, i) => {
      const { fromMs, toMs } = windows[i];
      const starts = startTimes.get(incident.serviceRef) ?? [];
      return !starts.some(ms => ms >= fromMs && ms <= toMs);
    });
  }

  /** A Group and its direct members, as the caller sees them in the catalog. */
  private async teamRefs(
    groupRef: string,
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const group = await this.deps.catalog.getEntityByRef(groupRef, {
      credentials,
    });
    if (!group) throw new NotFoundError(`No ${groupRef} in the catalog`);
    const members = (group.relations ?? [])
      .filter(r => r.type === RELATION_HAS_MEMBER)
      .map(r => lower(r.targetRef));
    return [groupRef, ...new Set(members)];
  }

  /** Who writes: a user entity ref or a service subject; never taken from the body. */
  private principalOf(credentials: BackstageCredentials): string {
    const { auth } = this.deps;
    if (auth.isPrincipal(credentials, 'user')) {
      return credentials.principal.userEntityRef;
    }
    if (auth.isPrincipal(credentials, 'service')) {
      return credentials.principal.subject;
    }
    throw new NotAllowedError(
      'Writing postmortems needs a user or service identity',
    );
  }

  /**
   * Whether the caller may change a given postmortem: users per the permission policy
   * (which may be conditional on the postmortem), service principals always.
   */
  private async updateDecision(
    credentials: BackstageCredentials,
  ): Promise<(postmortem: Postmortem) => boolean> {
    const { auth, permissions, permissionsRegistry } = this.deps;
    if (!auth.isPrincipal(credentials, 'user')) return () => true;
    const [decision] = await permissions.authorizeConditional(
      [{ permission: postmortemUpdatePermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return () => true;
    if (decision.result === AuthorizeResult.DENY) return () => false;
    const authorize = createConditionAuthorizer(
      permissionsRegistry.getPermissionRuleset(postmortemPermissionResourceRef),
    );
    return postmortem => authorize(decision, postmortem);
  }

  /**
   * The impacted SLOs with the budget each lost: computed from the SLO's data for the
   * incident window where the request leaves it out (or sends a computed one) and the
   * built-in store has data; otherwise as entered. An edit keeps a stored computed
   * budget while its SLO and the ended incident's window stay the same, so that
   * recorded numbers do not drift as data ages out, and an edit of another field
   * does not fail on an SLO that can no longer be computed.
   */
  private async impactedSlosOf(
    request: ParsedPostmortemRequest,
    now: Date,
    stored?: Postmortem,
  ): Promise<ImpactedSlo[]> {
    const end = request.resolvedAt ?? request.mitigatedAt;
    const storedEnd = stored && (stored.resolvedAt ?? stored.mitigatedAt);
    const sameWindow =
      !!stored &&
      !!end &&
      stored.startedAt === request.startedAt &&
      storedEnd === end;
    const kept = new Map(
      (stored?.impactedSlos ?? [])
        .filter(slo => slo.computed)
        .map(slo => [slo.sloRef, slo.budgetConsumed]),
    );
    const wanted = request.impactedSlos.filter(
      slo =>
        (slo.budgetConsumed === undefined || slo.computed) &&
        !(sameWindow && kept.has(slo.sloRef)),
    );
    const computed =
      wanted.length && this.deps.budgets
        ? await this.deps.budgets.budgetConsumed(
            wanted.map(slo => slo.sloRef),
            {
              fromMs: Date.parse(request.startedAt),
              toMs: end ? Date.parse(end) : now.getTime(),
            },
          )
        : new Map<string, number>();
    return request.impactedSlos.map((slo, i) => {
      const value =
        computed.get(slo.sloRef) ??
        (slo.budgetConsumed === undefined || slo.computed
          ? kept.get(slo.sloRef)
          : undefined);
      if (value !== undefined) {
        return { sloRef: slo.sloRef, budgetConsumed: value, computed: true };
      }
      if (slo.budgetConsumed === undefined) {
        throw new InputError(
          `Invalid impactedSlos[${i}].budgetConsumed: is required, since ${slo.sloRef} has no data in the built-in SLI store for the incident window to compute it from`,
        );
      }
      return {
        sloRef: slo.sloRef,
        budgetConsumed: slo.budgetConsumed,
        computed: slo.computed,
      };
    });
  }

  /** The stored content of a request: only content fields, action items with ids. */
  private contentOf(
    request: ParsedPostmortemRequest,
    impactedSlos: ImpactedSlo[],
    storedItemIds: Set<string>,
  ): PostmortemContent {
    const actionItems = request.actionItems.map((item, i): ActionItem => {
      if (item.id !== undefined && !storedItemIds.has(item.id)) {
        throw new InputError(
          `Invalid actionItems[${i}].id: ${item.id.slice(
            0,
            80,
          )} is not an action item of this postmortem; leave id out for new items`,
        );
      }
      return {
        id: item.id ?? randomUUID(),
        title: item.title.trim(),
        owner: item.owner,
        dueDate: item.dueDate,
        priority: item.priority,
        status: item.status,
        trackingUrl: item.trackingUrl,
      };
    });
    return {
      template: request.template,
      title: request.title,
      severity: request.severity,
      status: request.status,
      startedAt: request.startedAt,
      detectedAt: request.detectedAt,
      mitigatedAt: request.mitigatedAt,
      resolvedAt: request.resolvedAt,
      entityRefs: request.entityRefs,
      impactedSlos,
      summary: request.summary,
      impact: request.impact,
      timeline: request.timeline,
      contributingFactors: request.contributingFactors,
      wentWell: request.wentWell,
      wentPoorly: request.wentPoorly,
      lessons: request.lessons,
      tags: request.tags,
      links: request.links,
      actionItems,
    };
  }

  /**
   * Checks that every referenced entity (affected entities, impacted SLOs, action item
   * owners) is in the catalog as the caller sees it, in one batch look-up, and returns
   * the owners of the affected entities. Refs the previous version already held may
   * have left the catalog since; their stored owners are kept.
   */
  private async resolveRefs(
    content: PostmortemContent,
    previous:
      | { refs: Set<string>; owners: PostmortemEntityOwner[] }
      | undefined,
    credentials: BackstageCredentials,
  ): Promise<PostmortemEntityOwner[]> {
    const checks = [
      ...content.entityRefs.map((ref, i) => ({
        ref,
        field: `entityRefs[${i}]`,
      })),
      ...content.impactedSlos.map((slo, i) => ({
        ref: slo.sloRef,
        field: `impactedSlos[${i}].sloRef`,
      })),
      ...content.actionItems.map((item, i) => ({
        ref: item.owner,
        field: `actionItems[${i}].owner`,
      })),
    ];
    const refs = [...new Set(checks.map(c => c.ref))];
    const { items } = await this.deps.catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: ENTITY_FIELDS },
      { credentials },
    );
    const found = new Map<string, Entity>();
    refs.forEach((ref, i) => {
      const entity = items[i];
      if (entity) found.set(ref, entity);
    });
    for (const { ref, field } of checks) {
      if (!found.has(ref) && !previous?.refs.has(ref)) {
        throw new InputError(`Invalid ${field}: ${ref} is not in the catalog`);
      }
    }
    return content.entityRefs.flatMap(entityRef => {
      const entity = found.get(entityRef);
      if (!entity) {
        return (previous?.owners ?? []).filter(o => o.entityRef === entityRef);
      }
      return ownersOf(entity).map(ownerRef => ({ entityRef, ownerRef }));
    });
  }
}
