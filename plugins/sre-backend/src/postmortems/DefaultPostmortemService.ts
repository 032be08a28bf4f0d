import {
  AuditorService,
  AuthService,
  BackstageCredentials,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { RELATION_HAS_MEMBER } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
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
  POSTMORTEM_RESOURCE_TYPE,
  Postmortem,
  PostmortemFieldChange,
  PostmortemHistoryResponse,
  PostmortemRevision,
  RequiredPostmortemEntry,
  UpdatePostmortemRequest,
  evaluatePostmortemPolicy,
  isIsoDate,
  isIsoDateTime,
  postmortemCreatePermission,
  postmortemUpdatePermission,
  requiresPostmortem,
} from '@sre-catalog/backstage-plugin-sre-common';
import { JsonObject } from '@backstage/types';
import { randomUUID } from 'crypto';
import { OwnershipService } from '../ownership/OwnershipService';
import {
  BudgetUnavailable,
  SloIncident,
  SloIncidentsService,
} from '../slos/SloIncidentsService';
import {
  CatalogVisibility,
  DEFAULT_VISIBILITY_CACHE_TTL_MS,
} from '../catalog/CatalogVisibility';
import { catalogCredentialsFor } from '../catalog/catalogCredentialsFor';
import {
  changedPostmortemFields,
  postmortemFieldChanges,
} from './changedPostmortemFields';
import {
  ParsedPostmortemRequest,
  parsePostmortemRequest,
} from './parsePostmortemRequest';
import { PostmortemEntityResolver } from './PostmortemEntityResolver';
import { postmortemPermissionResourceRef } from './postmortemPermissionRules';
import { PostmortemReadAccess } from './PostmortemReadAccess';
import {
  PostmortemResource,
  restrictedFacts,
  toWirePostmortem,
} from './PostmortemResource';
import {
  PostmortemRequestOptions,
  PostmortemService,
} from './PostmortemService';
import {
  PostmortemContent,
  PostmortemEntityFacts,
  PostmortemReadFilter,
  PostmortemStore,
} from './PostmortemStore';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MAX_SEARCH_TERMS = 10;
/** Detected incidents listed as needing a postmortem: the last 35 days. */
const INCIDENT_LOOKBACK_MS = 35 * DAY;
/** A postmortem covers a detected incident when it started this close to it. */
const INCIDENT_MATCH_MS = 6 * HOUR;

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

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

/** The entity refs a recorded value of a postmortem field holds. */
function refsInValue(field: string, value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const strings = (values: unknown[]) =>
    values.filter((v): v is string => typeof v === 'string');
  switch (field) {
    case 'entityRefs':
      return strings(value);
    case 'impactedSlos':
      return strings(value.map(v => (v as { sloRef?: unknown })?.sloRef));
    case 'actionItems':
      return strings(value.map(v => (v as { owner?: unknown })?.owner));
    default:
      return [];
  }
}

const refsInChange = (change: PostmortemFieldChange) => [
  ...refsInValue(change.field, change.before),
  ...refsInValue(change.field, change.after),
];

/** Whether a permission decision allows a given postmortem. */
type Decider = (postmortem: PostmortemResource) => boolean;

/**
 * Rules, catalog look-ups, permission decisions and audit events of the postmortem
 * registry.
 */
export class DefaultPostmortemService implements PostmortemService {
  private readonly access: PostmortemReadAccess;
  private readonly resolver: PostmortemEntityResolver;

  private constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      permissions: PermissionsService;
      permissionsRegistry: PermissionsRegistryService;
      auditor: AuditorService;
      ownership: OwnershipService;
      store: PostmortemStore;
      sloIncidents?: SloIncidentsService;
      now: () => Date;
    },
    visibility: CatalogVisibility,
  ) {
    this.access = new PostmortemReadAccess({ ...deps, visibility });
    this.resolver = new PostmortemEntityResolver(deps);
  }

  static create(options: {
    catalog: CatalogService;
    auth: AuthService;
    permissions: PermissionsService;
    permissionsRegistry: PermissionsRegistryService;
    auditor: AuditorService;
    /** Who supports each affected entity, recorded for the IS_AFFECTED_ENTITY_SRE rule. */
    ownership: OwnershipService;
    store: PostmortemStore;
    /**
     * The SLO domain's incidents: the budget impacted SLOs lost, when a request
     * leaves it out, and the detected incidents that need a postmortem.
     */
    sloIncidents?: SloIncidentsService;
    /** How long a caller's catalog visibility is reused (`sre.visibility.cacheTtl`, default 10 s; 0: not at all). */
    visibilityTtlMs?: number;
    /** For tests. */
    now?: () => Date;
  }): DefaultPostmortemService {
    return new DefaultPostmortemService(
      { ...options, now: options.now ?? (() => new Date()) },
      // Entities that left the catalog hide nothing: postmortems of decommissioned
      // services stay readable.
      new CatalogVisibility(options, {
        missingIsHidden: false,
        ttlMs: options.visibilityTtlMs,
        // A busy reader's answers are refreshed ahead, from half their TTL on.
        refreshAfterMs:
          (options.visibilityTtlMs ?? DEFAULT_VISIBILITY_CACHE_TTL_MS) / 2,
      }),
    );
  }

  async create(
    request: CreatePostmortemRequest,
    options: PostmortemRequestOptions,
  ): Promise<Postmortem> {
    return this.audited('postmortem-create', {}, options, async () => {
      const { credentials } = options;
      const by = this.principalOf(credentials);
      // Before the body is read: a caller who may not write learns nothing from it.
      const mayCreate = await this.decider(
        postmortemCreatePermission,
        credentials,
      );
      if (mayCreate === false) {
        throw new NotAllowedError(
          `Writing a postmortem needs the ${postmortemCreatePermission.name} permission`,
        );
      }
      const now = this.deps.now();
      const parsed = parsePostmortemRequest(request, {
        mode: 'create',
        now,
        defaultTemplate: 'quick',
      });
      const content = this.contentOf(
        parsed,
        await this.impactedSlosOf(parsed, now),
        new Set(),
      );
      const facts = await this.resolver.resolve(
        content,
        undefined,
        credentials,
      );
      const policy = evaluatePostmortemPolicy(content);
      const id = randomUUID();
      const at = now.toISOString();
      const proposed = resourceOf(
        {
          id,
          version: 1,
          createdAt: at,
          createdBy: by,
          updatedAt: at,
          updatedBy: by,
          policy,
          ...content,
        },
        facts,
      );
      if (mayCreate !== true && !mayCreate(proposed)) {
        throw new NotAllowedError(
          `The postmortem is outside what ${postmortemCreatePermission.name} allows you to write`,
        );
      }
      const changedFields = changedPostmortemFields(undefined, content);
      const created = await this.deps.store.create(id, {
        content,
        ...facts,
        policy,
        changedFields,
        changes: postmortemFieldChanges(undefined, content, changedFields),
        by,
        at: now,
      });
      return {
        result: toWirePostmortem(created),
        meta: { postmortemId: id, version: 1, changedFields },
      };
    });
  }

  async get(id: string, { credentials }: PostmortemRequestOptions) {
    return toWirePostmortem(await this.readable(id, credentials));
  }

  async update(
    id: string,
    request: UpdatePostmortemRequest,
    options: PostmortemRequestOptions,
  ): Promise<Postmortem> {
    return this.audited(
      'postmortem-update',
      { postmortemId: id },
      options,
      async () => {
        const { credentials } = options;
        const { store } = this.deps;
        const by = this.principalOf(credentials);
        const stored = await this.readable(id, credentials);
        const mayEdit = await this.decider(
          postmortemUpdatePermission,
          credentials,
        );
        if (mayEdit === false || (mayEdit !== true && !mayEdit(stored))) {
          throw new NotAllowedError(
            `Changing postmortem ${id} needs the ${postmortemUpdatePermission.name} permission for it`,
          );
        }
        const now = this.deps.now();
        const parsed = parsePostmortemRequest(request, {
          mode: 'update',
          now,
          defaultTemplate: stored.template,
        });
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
        const facts = await this.resolver.resolve(
          content,
          {
            refs: new Set([
              ...stored.entityRefs,
              ...stored.impactedSlos.map(s => s.sloRef),
              ...stored.actionItems.map(item => item.owner),
            ]),
            facts: await store.getEntityFacts(id),
          },
          credentials,
        );
        const policy = evaluatePostmortemPolicy(content);
        const proposed = resourceOf({ ...stored, ...content, policy }, facts);
        if (mayEdit !== true && !mayEdit(proposed)) {
          throw new NotAllowedError(
            `The edit would take postmortem ${id} outside what ${postmortemUpdatePermission.name} allows you to change`,
          );
        }
        const changedFields = changedPostmortemFields(stored, content);
        if (!changedFields.length) {
          return {
            result: toWirePostmortem(stored),
            meta: { version: stored.version, changedFields },
          };
        }
        const updated = await store.update(id, stored.version, {
          content,
          ...facts,
          policy,
          changedFields,
          changes: postmortemFieldChanges(stored, content, changedFields),
          by,
          at: now,
        });
        return {
          result: toWirePostmortem(updated),
          meta: { version: updated.version, changedFields },
        };
      },
    );
  }

  async list(
    request: ListPostmortemsRequest,
    { credentials }: PostmortemRequestOptions,
  ): Promise<ListPostmortemsResponse> {
    const terms = [
      ...new Set(
        lower(request.q ?? '')
          .split(/\s+/)
          .filter(Boolean),
      ),
    ].slice(0, MAX_SEARCH_TERMS);
    const query = {
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
    };
    const filter = await this.access.listFilter(credentials);
    if (!filter) return { items: [], totalCount: 0 };
    return this.deps.store.list(query, filter);
  }

  async getHistory(
    id: string,
    { credentials }: PostmortemRequestOptions,
  ): Promise<PostmortemHistoryResponse> {
    await this.readable(id, credentials);
    const revisions = await this.deps.store.getRevisions(id);
    // Earlier versions may have named entities this one no longer does.
    const hidden = await this.access.hiddenFromReader(
      revisions.flatMap(r => (r.changes ?? []).flatMap(refsInChange)),
      credentials,
    );
    return {
      postmortemId: id,
      revisions: revisions.map(
        (revision): PostmortemRevision =>
          revision.changes && hidden.size
            ? {
                ...revision,
                changes: revision.changes.map(change =>
                  refsInChange(change).some(ref => hidden.has(ref))
                    ? { field: change.field }
                    : change,
                ),
              }
            : revision,
      ),
    };
  }

  async listActionItems(
    request: ListActionItemsRequest,
    { credentials }: PostmortemRequestOptions,
  ): Promise<ListActionItemsResponse> {
    const filter = await this.access.listFilter(credentials);
    if (!filter) return { items: [], totalCount: 0 };
    const ownerRefs = request.team
      ? await this.teamRefs(lower(request.team), credentials)
      : undefined;
    return this.deps.store.listActionItems(
      {
        overdue: request.overdue,
        today: this.deps.now().toISOString().slice(0, 10),
        ownerRef: request.owner && lower(request.owner),
        ownerRefs,
        status: request.status,
        priority: request.priority,
        entityRef: request.entityRef && lower(request.entityRef),
        limit: clamp(request.limit ?? 100, 1, 500),
        offset: clamp(request.offset, 0, Number.MAX_SAFE_INTEGER),
      },
      filter,
    );
  }

  /**
   * Incidents the error budget policy requires a postmortem for, that lack it: first
   * fast burns found in the SLI data that no postmortem the caller can read covers
   * (only those of services and SLOs the caller can see), newest first, then
   * postmortems the caller can read that lack their P0 action item.
   */
  async listRequired(
    request: { limit?: number; offset?: number },
    { credentials }: PostmortemRequestOptions,
  ): Promise<ListRequiredPostmortemsResponse> {
    const limit = clamp(request.limit ?? 100, 1, 500);
    const offset = clamp(request.offset, 0, Number.MAX_SAFE_INTEGER);
    const filter = await this.access.listFilter(credentials);
    const uncovered = await this.uncoveredIncidents(filter, credentials);
    const violations = filter
      ? await this.deps.store.listPolicyViolations(
          {
            limit: Math.max(1, limit - Math.max(0, uncovered.length - offset)),
            offset: Math.max(0, offset - uncovered.length),
          },
          filter,
        )
      : { items: [], totalCount: 0 };
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
   * Detected incidents of services and SLOs the caller can see with no postmortem
   * (that the caller can read) of their service that started within
   * INCIDENT_MATCH_MS of them (or during them).
   */
  private async uncoveredIncidents(
    filter: PostmortemReadFilter | undefined,
    credentials: BackstageCredentials,
  ): Promise<SloIncident[]> {
    const { sloIncidents: incidents, store } = this.deps;
    if (!incidents) return [];
    const nowMs = this.deps.now().getTime();
    const listed = await incidents.listIncidents({
      fromMs: nowMs - INCIDENT_LOOKBACK_MS,
      toMs: nowMs,
    });
    if (!listed.length) return [];
    // Asked as the caller: detected incidents are SLO data, which no SRE
    // permission guards.
    const hidden = await this.access.hiddenRefs(
      listed.flatMap(incident => [incident.serviceRef, incident.sloRef]),
      credentials,
    );
    const detected = listed.filter(
      incident =>
        !hidden.has(incident.serviceRef) && !hidden.has(incident.sloRef),
    );
    if (!detected.length) return [];
    const windows = detected.map(incident => ({
      fromMs: incident.startMs - INCIDENT_MATCH_MS,
      toMs: incident.endMs + INCIDENT_MATCH_MS,
    }));
    // One look-up for all incidents (not one each): the start times of their services'
    // postmortems over the span of all windows, matched to each window below.
    const startTimes = filter
      ? await store.getStartTimes(
          {
            entityRefs: detected.map(incident => incident.serviceRef),
            fromMs: windows.reduce(
              (min, w) => Math.min(min, w.fromMs),
              Infinity,
            ),
            toMs: windows.reduce((max, w) => Math.max(max, w.toMs), -Infinity),
          },
          filter,
        )
      : new Map<string, number[]>();
    return detected.filter((incident, i) => {
      const { fromMs, toMs } = windows[i];
      const starts = startTimes.get(incident.serviceRef) ?? [];
      return !starts.some(ms => ms >= fromMs && ms <= toMs);
    });
  }

  /** A stored postmortem the caller may read; NotFoundError for any other id. */
  private async readable(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<PostmortemResource> {
    const stored = await this.deps.store.get(id);
    if (!stored || !(await this.access.mayRead(stored, credentials))) {
      throw new NotFoundError(`No postmortem ${id}`);
    }
    return stored;
  }

  /**
   * Runs a write as one audit event: initiated, then succeeded (with the postmortem
   * and what changed) or failed (with the error, whatever it was).
   */
  private async audited<T>(
    eventId: 'postmortem-create' | 'postmortem-update',
    meta: JsonObject,
    options: PostmortemRequestOptions,
    write: () => Promise<{ result: T; meta: JsonObject }>,
  ): Promise<T> {
    const event = await this.deps.auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: options.request,
      meta,
    });
    try {
      const done = await write();
      await event.success({ meta: done.meta });
      return done.result;
    } catch (error) {
      await event.fail({
        error: error instanceof Error ? error : new Error(String(error)),
      });
      throw error;
    }
  }

  /**
   * What a permission decision says about writing, for users and service principals
   * alike: true (allowed), false (denied), or a check of the postmortem (conditional).
   */
  private async decider(
    permission: ResourcePermission<typeof POSTMORTEM_RESOURCE_TYPE>,
    credentials: BackstageCredentials,
  ): Promise<boolean | Decider> {
    const { permissions, permissionsRegistry } = this.deps;
    const [decision] = await permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return true;
    if (decision.result === AuthorizeResult.DENY) return false;
    const authorize = createConditionAuthorizer(
      permissionsRegistry.getPermissionRuleset(postmortemPermissionResourceRef),
    );
    return postmortem => authorize(decision, postmortem);
  }

  /**
   * A Group and its direct members, as a caller whom `sre.postmortem.read` lets
   * read postmortems sees them in the catalog.
   */
  private async teamRefs(
    groupRef: string,
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const group = await this.deps.catalog.getEntityByRef(groupRef, {
      credentials: await catalogCredentialsFor(this.deps.auth, credentials),
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
    stored?: PostmortemResource,
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
      wanted.length && this.deps.sloIncidents
        ? await this.deps.sloIncidents.budgetConsumed(
            wanted.map(slo => slo.sloRef),
            {
              fromMs: Date.parse(request.startedAt),
              toMs: end ? Date.parse(end) : now.getTime(),
            },
          )
        : new Map<string, number | BudgetUnavailable>();
    return request.impactedSlos.map((slo, i) => {
      const fromData = computed.get(slo.sloRef);
      const value =
        (typeof fromData === 'number' ? fromData : undefined) ??
        (slo.budgetConsumed === undefined || slo.computed
          ? kept.get(slo.sloRef)
          : undefined);
      if (value !== undefined) {
        return { sloRef: slo.sloRef, budgetConsumed: value, computed: true };
      }
      if (slo.budgetConsumed === undefined && typeof fromData === 'object') {
        // Not the request's fault: the data exists but cannot be read now.
        throw new ServiceUnavailableError(
          `Cannot compute impactedSlos[${i}].budgetConsumed of ${slo.sloRef} now: ${fromData.unavailable}; try again later, or give budgetConsumed`,
        );
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
}

/** A postmortem resource as it would be stored: content, derived fields and facts. */
function resourceOf(
  postmortem: Omit<Postmortem, 'ownerRefs'>,
  facts: PostmortemEntityFacts,
): PostmortemResource {
  return {
    ...postmortem,
    ownerRefs: [...new Set(facts.owners.map(o => o.ownerRef))].sort(),
    sreRefs: [...new Set(facts.sres.map(s => s.sreRef))].sort(),
    ...restrictedFacts(facts.restrictedEntityRefs, facts.owners),
  };
}
