import {
  AuthService,
  BackstageCredentials,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  ListSlosResponse,
  SloHistoryResponse,
  SloDefinition,
  SloProblemRecord,
  SloStatus,
  SreOwnershipConfig,
  currentPeriod,
  sloEventsCreatePermission,
  sliceSpecOf,
} from '@sre-catalog/backstage-plugin-sre-common';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod/v4';
import {
  CatalogVisibility,
  DEFAULT_VISIBILITY_CACHE_TTL_MS,
} from '../catalog/CatalogVisibility';
import { catalogCredentialsFor } from '../catalog/catalogCredentialsFor';
import { OwnershipService } from '../ownership/OwnershipService';
import { computeDailyHistory } from './computeDailyHistory';
import { FINE_RETENTION_MS, HOURLY_RETENTION_MS, tierCut } from './sliTiers';
import {
  DEFAULT_EVALUATION_INTERVAL_MS,
  staleAgeSeconds,
} from './evaluationInterval';
import {
  MAX_REPLACED_WITHOUT_FLAG,
  ParseSloPushOptions,
  ParsedSloPush,
  maxReplaceable,
  parseSloPush,
} from './ingest/SloEventsValidator';
import { RefusedPushes, SliStore, SliTickEntry } from './store/SliStore';
import { SloPermissionResources } from './SloPermissionResources';
import {
  sloPermissionResourceRef,
  sloPermissionRules,
} from './sloPermissionRules';
import { ListSloStatusQuery, SloStatusStore } from './status/SloStatusStore';
import { TtlCache } from './TtlCache';
import { loadSloDefinitions } from './loadSloDefinitions';
import { ListSlosQuery, SloRequestOptions, SloService } from './SloService';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Problems not seen for this long belong to documents that are gone. */
const PROBLEM_TTL_MS = 6 * HOUR;

/**
 * How long an SLO's stored status is reused: a status read asks the database at
 * most once per this time per SLO; statuses change every 30 s anyway. The caller's
 * right to see the SLO is reused for `sre.visibility.cacheTtl` (default 10 s).
 */
export const STATUS_READ_CACHE_MS = 5_000;

/**
 * How long a push reuses a valid SLO definition: an exporter pushing 10,000 SLOs a
 * minute would otherwise have the catalog load and parse all of them each time.
 * An edited SLO document reaches pushes within this time (the catalog itself
 * takes longer to process it).
 */
export const PUSH_DEFINITION_CACHE_MS = 60_000;

/**
 * How long a push reuses the caller's right to see an SLO, like its definition: a
 * tick of 10,000 SLOs asks the catalog about them at most once per this time.
 */
export const PUSH_VISIBILITY_CACHE_MS = PUSH_DEFINITION_CACHE_MS;

/** The oldest buckets a push may carry: what the store keeps and does not prune. */
function pushLimits(nowMs: number): ParseSloPushOptions {
  return {
    nowMs,
    oldestFineMs: nowMs - FINE_RETENTION_MS + HOUR,
    oldestMs: nowMs - HOURLY_RETENTION_MS + HOUR,
    retention: `hourly rollups are kept for ${HOURLY_RETENTION_MS / DAY} days`,
  };
}

/** The most SLOs one batch push may carry. */
export const MAX_SLOS_PER_BATCH = 10_000;

const batchSchema = z
  .object({
    slos: z
      .array(
        z.object({ slo: z.string().min(1).max(300) }).catchall(z.unknown()),
      )
      .min(1, { error: 'must hold at least one SLO' })
      .max(MAX_SLOS_PER_BATCH, {
        error: `must hold at most ${MAX_SLOS_PER_BATCH} SLOs per request`,
      }),
  })
  .strict();

/** A full SLO ref already in lower case: what exporters send, and its own form. */
const CANONICAL_SLO_REF = /^slo:[a-z0-9][a-z0-9._-]*\/[a-z0-9][a-z0-9._-]*$/;

/** `slo:default/name`, `default/name` or `name`, as a lower-case SLO ref. */
function sloRefOf(ref: string): string {
  // A batch push names up to 10,000 SLOs; parsing each costs more than the rest.
  if (CANONICAL_SLO_REF.test(ref)) return ref;
  let parsed;
  try {
    parsed = parseEntityRef(ref, {
      defaultKind: 'slo',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(`Invalid slo: ${(error as Error).message}`);
  }
  if (parsed.kind.toLocaleLowerCase('en-US') !== 'slo') {
    throw new InputError(`Invalid slo: ${ref} is not an SLO`);
  }
  return stringifyEntityRef(parsed).toLocaleLowerCase('en-US');
}

/** A built-in SLO's definition, or an InputError saying why not. */
function builtinOf(
  sloRef: string,
  slo: SloDefinition | InputError | undefined,
): SloDefinition {
  if (slo instanceof Error) throw slo;
  if (!slo) throw new InputError(`Unknown SLO ${sloRef}`);
  if (slo.indicator.source.type !== 'builtin') {
    throw new InputError(
      `SLO ${sloRef} reads its SLI from ${slo.indicator.source.type}; only SLIs with metricSource type builtin accept pushed events`,
    );
  }
  return slo;
}

/** One SLO of a push, validated, before the checks that need the catalog. */
type ParsedEntry = { sloRef: string } & ParsedSloPush;

/** Constructor arguments of {@link DefaultSloService}. */
export type DefaultSloServiceOptions = {
  catalog: CatalogService;
  auth: AuthService;
  permissions: PermissionsService;
  sliStore: SliStore;
  statusStore: SloStatusStore;
  /** For rules that modules add; the plugin's own rules without it. */
  permissionsRegistry?: PermissionsRegistryService;
  /** Who the SREs of a service are, for `isServiceOwnerOrSre`. */
  ownershipConfig?: SreOwnershipConfig;
  /** How often the evaluator runs (`sre.evaluation.frequency`), for staleness. */
  evaluationIntervalMs?: number;
  /** The clock statuses' age is measured with. */
  now?: () => number;
  /** How long a caller's read visibility is reused (`sre.visibility.cacheTtl`, default 10 s). */
  visibilityCacheTtlMs?: number;
  /**
   * The services a team supports as SREs, for lists by `ownerRef`; without it a
   * team's SLOs are only those it owns.
   */
  ownership?: Pick<OwnershipService, 'getTeamSupport'>;
};

/** The SLO service on the plugin's stores and the catalog. */
export class DefaultSloService implements SloService {
  /** Read visibility (status, history, lists): what the caller can see, reused for `visibilityCacheTtlMs`. */
  private readonly readVisibility: CatalogVisibility;
  /** Push visibility: reused as long as the push definitions. */
  private readonly pushVisibility: CatalogVisibility;
  private readonly statuses = new TtlCache<SloStatus | undefined>(
    STATUS_READ_CACHE_MS,
    100_000,
  );
  private readonly pushDefinitions = new TtlCache<SloDefinition>(
    PUSH_DEFINITION_CACHE_MS,
    100_000,
  );

  /** SLOs as permission resources, for conditional decisions on pushes. */
  readonly permissionResources: SloPermissionResources;

  static create(options: DefaultSloServiceOptions): DefaultSloService {
    return new DefaultSloService(options);
  }

  private constructor(private readonly deps: DefaultSloServiceOptions) {
    // An SLO or service not in the catalog is no SLO to show, or to push to. A
    // busy caller's answers are refreshed ahead, from half their TTL on.
    const readTtlMs =
      deps.visibilityCacheTtlMs ?? DEFAULT_VISIBILITY_CACHE_TTL_MS;
    this.readVisibility = new CatalogVisibility(deps, {
      missingIsHidden: true,
      ttlMs: readTtlMs,
      refreshAfterMs: readTtlMs / 2,
    });
    // Like the definitions: a new SLO accepts pushes at once.
    this.pushVisibility = new CatalogVisibility(deps, {
      missingIsHidden: true,
      ttlMs: PUSH_VISIBILITY_CACHE_MS,
      cacheHidden: false,
    });
    this.permissionResources = new SloPermissionResources({
      catalog: deps.catalog,
      auth: deps.auth,
      ownershipConfig: deps.ownershipConfig,
      definitionsOf: refs => this.pushDefinitionsOf(refs),
    });
  }

  /**
   * Validates pushed SLI buckets for a built-in SLO and accepts them; the next
   * evaluation applies them (reads show them from then on). Throws
   * SliQueueFullError (503) when the queue of accepted pushes is over a bound.
   */
  async pushEvents(
    request: { sloRef: string; body: unknown },
    { credentials }: SloRequestOptions,
  ): Promise<{ accepted: number }> {
    const { sloRef, body } = request;
    const pushedBy = this.pusherOf(credentials);
    const parsed = parseSloPush(body, pushLimits(Date.now()));
    const [definitions, decision] = await Promise.all([
      this.pushDefinitionsOf([sloRef]),
      this.pushDecision(credentials),
    ]);
    if (decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(
        `Pushing SLI events to ${sloRef} needs the ${sloEventsCreatePermission.name} permission`,
      );
    }
    const hidden = await this.hiddenFromPusher([sloRef], credentials);
    // Hidden and unknown alike: the answer must not tell that a hidden SLO exists.
    if (hidden.has(sloRef)) throw new NotFoundError(`Unknown SLO ${sloRef}`);
    const slo = builtinOf(sloRef, definitions.get(sloRef));
    const denied = await this.deniedBy(decision, [sloRef]);
    if (denied(sloRef)) {
      throw new NotAllowedError(
        `Pushing SLI events to ${sloRef} needs the ${sloEventsCreatePermission.name} permission`,
      );
    }
    await this.assertMayReplace([{ sloRef, ...parsed }], () => '');
    await this.deps.sliStore.writeTick(
      [{ sloRef, buckets: parsed.buckets, slice: sliceSpecOf(slo) }],
      { pushedBy },
    );
    return { accepted: parsed.buckets.length };
  }

  /**
   * Validates one tick of many SLOs and accepts it all-or-nothing: each entry is
   * checked like a single push (its error names `slos[i]`), then the tick is
   * stored as one pending row, applied like a single push. One permission call and
   * one batch catalog call per 1,000 SLOs for the caller's visibility.
   */
  async pushEventsBatch(
    body: unknown,
    { credentials }: SloRequestOptions,
  ): Promise<{ accepted: number; slos: number }> {
    const pushedBy = this.pusherOf(credentials);
    const parsed = batchSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.length
        ? issue.path
            .map(p => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
            .join('')
            .replace(/^\./, '')
        : 'body';
      throw new InputError(`Invalid ${field}: ${issue.message}`);
    }
    const limits = pushLimits(Date.now());
    const named = (i: number) => (error: unknown) =>
      error instanceof InputError
        ? new InputError(`slos[${i}]: ${error.message}`)
        : error;
    // Parse every entry, then ask the catalog about all SLOs at once; the first
    // bad entry (in request order) names the error.
    const entries: ParsedEntry[] = parsed.data.slos.map(
      ({ slo: ref, ...events }, i) => {
        try {
          return { sloRef: sloRefOf(ref), ...parseSloPush(events, limits) };
        } catch (error) {
          throw named(i)(error);
        }
      },
    );
    const refs = entries.map(e => e.sloRef);
    // The store refuses a tick naming an SLO twice; say which entry, before any look-up.
    const seen = new Set<string>();
    refs.forEach((ref, i) => {
      if (seen.has(ref)) {
        throw new InputError(
          `Invalid slos[${i}].slo: ${ref} appears earlier in the same batch; send each SLO once, with all its buckets`,
        );
      }
      seen.add(ref);
    });
    const [definitions, decision] = await Promise.all([
      this.pushDefinitionsOf(refs),
      this.pushDecision(credentials),
    ]);
    if (decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(
        `slos[0]: pushing SLI events to ${refs[0]} needs the ${sloEventsCreatePermission.name} permission`,
      );
    }
    const hidden = await this.hiddenFromPusher(refs, credentials);
    const slos = entries.map((entry, i) => {
      try {
        if (hidden.has(entry.sloRef)) {
          throw new InputError(`Unknown SLO ${entry.sloRef}`);
        }
        return builtinOf(entry.sloRef, definitions.get(entry.sloRef));
      } catch (error) {
        throw named(i)(error);
      }
    });
    const denied = await this.deniedBy(decision, refs);
    const refused = refs.findIndex(denied);
    if (refused >= 0) {
      throw new NotAllowedError(
        `slos[${refused}]: pushing SLI events to ${refs[refused]} needs the ${sloEventsCreatePermission.name} permission`,
      );
    }
    await this.assertMayReplace(entries, i => `slos[${i}]: `);
    let accepted = 0;
    const tick: SliTickEntry[] = entries.map((entry, i) => {
      accepted += entry.buckets.length;
      return {
        sloRef: entry.sloRef,
        buckets: entry.buckets,
        slice: sliceSpecOf(slos[i]),
      };
    });
    await this.deps.sliStore.writeTick(tick, { pushedBy });
    return { accepted, slos: tick.length };
  }

  /**
   * The SLOs of a push the pusher cannot see, asked once the policy allows
   * pushing at all (a refused caller learns nothing of the SLOs) and so with
   * catalogCredentialsFor's credentials: a token restricted to
   * `sre.slo.events.create` can push.
   */
  private async hiddenFromPusher(
    sloRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    return this.pushVisibility.hiddenRefs(
      sloRefs,
      await catalogCredentialsFor(this.deps.auth, credentials),
    );
  }

  /**
   * Definitions for pushes: valid ones are reused (see PUSH_DEFINITION_CACHE_MS);
   * unknown and invalid SLOs are looked up again each time, so that a new or
   * repaired SLO accepts pushes at once.
   */
  private async pushDefinitionsOf(sloRefs: string[]) {
    const result = new Map<string, SloDefinition | InputError | undefined>();
    const missing: string[] = [];
    for (const ref of sloRefs) {
      const hit = this.pushDefinitions.peek(ref);
      if (hit) result.set(ref, hit);
      else missing.push(ref);
    }
    if (missing.length) {
      for (const [ref, definition] of await this.definitionsOf(missing)) {
        result.set(ref, definition);
        if (definition && !(definition instanceof Error)) {
          this.pushDefinitions.set(ref, definition);
        }
      }
    }
    return result;
  }

  /** Who pushes, as recorded with the push; users and services only. */
  private pusherOf(credentials: BackstageCredentials): string {
    const { auth } = this.deps;
    if (auth.isPrincipal(credentials, 'user')) {
      return credentials.principal.userEntityRef;
    }
    if (auth.isPrincipal(credentials, 'service')) {
      return credentials.principal.subject;
    }
    throw new NotAllowedError('Pushing SLI events needs a user or service');
  }

  /**
   * The policy's decision on pushing, asked once per request for users and
   * service principals alike (so that external access restrictions hold).
   */
  private async pushDecision(
    credentials: BackstageCredentials,
  ): Promise<PolicyDecision> {
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission: sloEventsCreatePermission }],
      { credentials },
    );
    return decision;
  }

  /**
   * Which SLOs a decision refuses: a conditional one is applied here to each SLO
   * (its service's owners and SREs, loaded in batches), not asked per SLO.
   */
  private async deniedBy(
    decision: PolicyDecision,
    sloRefs: string[],
  ): Promise<(sloRef: string) => boolean> {
    if (decision.result === AuthorizeResult.ALLOW) return () => false;
    if (decision.result === AuthorizeResult.DENY) return () => true;
    const resources = await this.permissionResources.load(sloRefs);
    const registry = this.deps.permissionsRegistry;
    const authorize = registry
      ? createConditionAuthorizer(
          registry.getPermissionRuleset(sloPermissionResourceRef),
        )
      : createConditionAuthorizer(Object.values(sloPermissionRules));
    return sloRef => !authorize(decision, resources.get(sloRef));
  }

  /**
   * Refuses an SLO's buckets that would replace more than MAX_REPLACED_WITHOUT_FLAG
   * stored buckets unless the push says `"replace": true`. The database is asked
   * only about SLOs whose buckets could replace that many (not a normal push),
   * and counts applied buckets only: a backfill sent twice before the first is
   * applied is not caught.
   */
  private async assertMayReplace(
    entries: ParsedEntry[],
    prefixOf: (i: number) => string,
  ) {
    const candidates = entries.filter(
      e => !e.replace && maxReplaceable(e.buckets) > MAX_REPLACED_WITHOUT_FLAG,
    );
    if (!candidates.length) return;
    const counts = await this.deps.sliStore.countReplaced(candidates);
    entries.forEach((entry, i) => {
      const count = entry.replace ? 0 : counts.get(entry.sloRef) ?? 0;
      if (count > MAX_REPLACED_WITHOUT_FLAG) {
        throw new InputError(
          `${prefixOf(
            i,
          )}Invalid replace: the push would replace ${count} stored buckets of ${
            entry.sloRef
          }, more than ${MAX_REPLACED_WITHOUT_FLAG}; a backfill must say "replace": true`,
        );
      }
    });
  }

  async getStatus(
    sloRef: string,
    { credentials }: SloRequestOptions,
  ): Promise<SloStatus> {
    const status = await this.statuses.get(sloRef, () =>
      this.deps.statusStore.getStatus(sloRef),
    );
    // The SLO and its service must both be visible to the caller.
    const hidden = await this.readVisibility.hiddenRefs(
      status ? [sloRef, status.service] : [sloRef],
      credentials,
    );
    if (hidden.size) throw new NotFoundError(`No SLO ${sloRef} in the catalog`);
    if (!status) {
      throw new NotFoundError(
        `SLO ${sloRef} has not been evaluated yet; try again in a minute`,
      );
    }
    const refused = await this.refusedOne.get(sloRef, async () =>
      (await this.deps.sliStore.refusedPushes([sloRef])).get(sloRef),
    );
    return this.withFaults(status, refused, (this.deps.now ?? Date.now)());
  }

  /** A status's dead letters, reused like the status itself. */
  private readonly refusedOne = new TtlCache<RefusedPushes | undefined>(
    STATUS_READ_CACHE_MS,
    100_000,
  );

  /**
   * A stored status with what it does not say itself: that its evaluation is
   * behind (older than three intervals), and the pushes to it that were refused.
   * The stored (and cached) status is left as it is.
   */
  private withFaults(
    status: SloStatus,
    refused: RefusedPushes | undefined,
    nowMs: number,
  ): SloStatus {
    const { stale: _stale, refused: _refused, ...stored } = status;
    const result: SloStatus = { ...stored };
    const ageSeconds = staleAgeSeconds(
      Date.parse(status.evaluatedAt),
      nowMs,
      this.deps.evaluationIntervalMs ?? DEFAULT_EVALUATION_INTERVAL_MS,
    );
    if (ageSeconds !== undefined) result.stale = { ageSeconds };
    if (refused) {
      result.refused = {
        count: refused.count,
        lastError: refused.lastError,
        lastAt: new Date(refused.lastAtMs).toISOString(),
      };
    }
    return result;
  }

  async getHistory(
    request: { sloRef: string; days: number },
    { credentials }: SloRequestOptions,
  ): Promise<SloHistoryResponse> {
    const { sloRef, days } = request;
    const slo = (await this.definitionsOf([sloRef])).get(sloRef);
    const service = slo && !(slo instanceof Error) ? slo.service : undefined;
    const hidden = await this.readVisibility.hiddenRefs(
      service ? [sloRef, service] : [sloRef],
      credentials,
    );
    if (hidden.size) throw new NotFoundError(`No SLO ${sloRef} in the catalog`);
    if (slo instanceof Error) throw slo;
    const nowMs = Date.now();
    if (slo?.indicator.source.type === 'builtin') {
      const series = await this.deps.sliStore.readSeries([sloRef], {
        minutesFromMs: tierCut(nowMs),
        // The first day's period reaches back one period length before it.
        hoursFromMs:
          nowMs -
          (days + 1) * DAY -
          currentPeriod(slo.timeWindow, nowMs).lengthMs,
      });
      return {
        sloRef,
        points: computeDailyHistory(slo, series.get(sloRef)!, nowMs, days),
      };
    }
    // Other sources: the statuses the evaluator stored, one per day.
    const since = new Date(nowMs - days * DAY).toISOString().slice(0, 10);
    return {
      sloRef,
      points: await this.deps.statusStore.getHistory(sloRef, since),
    };
  }

  /**
   * A page of SLO statuses the caller can see (the SLO and its service), counted
   * in SQL: the refs the filter selects are checked in one catalog call with the
   * caller's credentials, and the hidden ones left out of the query.
   */
  async list(
    query: ListSlosQuery,
    { credentials }: SloRequestOptions,
  ): Promise<ListSlosResponse> {
    const { statusStore } = this.deps;
    const { serviceRef, ownerRef, ...rest } = query;
    if (ownerRef) rest.scope = await this.teamScope(ownerRef, credentials);
    const filtered: ListSloStatusQuery = serviceRef
      ? { ...rest, scope: { serviceRefs: [serviceRef] } }
      : rest;
    const [refs, problems] = await Promise.all([
      statusStore.listRefs(filtered),
      serviceRef
        ? statusStore.listProblems({
            serviceRef,
            sinceMs: Date.now() - PROBLEM_TTL_MS,
          })
        : Promise.resolve([]),
    ]);
    const hidden = await this.readVisibility.hiddenRefs(
      [
        ...refs.sloRefs,
        ...refs.serviceRefs,
        ...problems.flatMap(p => (p.service ? [p.sloRef, p.service] : [])),
      ],
      credentials,
    );
    const result = await statusStore.list({
      ...filtered,
      hidden: {
        sloRefs: refs.sloRefs.filter(r => hidden.has(r)),
        serviceRefs: refs.serviceRefs.filter(r => hidden.has(r)),
      },
    });
    const nowMs = (this.deps.now ?? Date.now)();
    const [refused, invalid] = await Promise.all([
      // One look-up for the whole page.
      result.items.length
        ? this.deps.sliStore.refusedPushes(result.items.map(i => i.sloRef))
        : Promise.resolve(new Map<string, RefusedPushes>()),
      this.visibleProblems(problems, hidden),
    ]);
    return {
      ...result,
      items: result.items.map(status =>
        this.withFaults(status, refused.get(status.sloRef), nowMs),
      ),
      invalid,
    };
  }

  /**
   * "The team's SLOs": those the Group owns and those of the services it supports
   * as SREs. Throws NotFoundError when the Group is not in the catalog.
   */
  private async teamScope(
    ownerRef: string,
    credentials: BackstageCredentials,
  ): Promise<ListSloStatusQuery['scope']> {
    const { ownership } = this.deps;
    if (!ownership) return { ownerRefs: [ownerRef] };
    const support = await ownership.getTeamSupport(parseEntityRef(ownerRef), {
      credentials,
    });
    return {
      ownerRefs: [ownerRef],
      serviceRefs: support.supports.map(s => s.entityRef),
    };
  }

  /**
   * Invalid SLO documents of services the caller can see. An invalid document is
   * often no entity of the catalog at all; one that is, and is hidden from the
   * caller, is left out.
   */
  private async visibleProblems(
    problems: SloProblemRecord[],
    hidden: Set<string>,
  ): Promise<SloProblemRecord[]> {
    const candidates = problems.filter(
      p => p.service && !hidden.has(p.service),
    );
    const unseen = [
      ...new Set(candidates.map(p => p.sloRef).filter(r => hidden.has(r))),
    ];
    if (!unseen.length) return candidates;
    const { catalog, auth } = this.deps;
    const { items } = await catalog.getEntitiesByRefs(
      {
        entityRefs: unseen,
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const exists = new Set(unseen.filter((_, i) => Boolean(items[i])));
    return candidates.filter(p => !exists.has(p.sloRef));
  }

  /** SLO definitions from the catalog, with the plugin's own credentials. */
  private async definitionsOf(sloRefs: string[]) {
    const { catalog, auth } = this.deps;
    return loadSloDefinitions(
      catalog,
      sloRefs,
      await auth.getOwnServiceCredentials(),
    );
  }
}
