import {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ListSlosResponse,
  SloHistoryResponse,
  SloDefinition,
  SloStatus,
  currentPeriod,
  sloEventsCreatePermission,
} from '@sre-catalog/backstage-plugin-sre-common';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod/v4';
import { computeDailyHistory } from './computeDailyHistory';
import { FINE_RETENTION_MS, sliceSpecOf, tierCut } from './SloEvaluator';
import { parseSloEvents } from './SloEventsValidator';
import { SliBucketInput, SliStore, SliTickEntry } from './SliStore';
import { ListSloStatusQuery, SloStatusStore } from './SloStatusStore';
import { TtlCache } from './TtlCache';
import { loadSloDefinitions } from './loadSloDefinitions';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Problems not seen for this long belong to documents that are gone. */
const PROBLEM_TTL_MS = 6 * HOUR;

/**
 * How long a caller's right to see an SLO entity, and an SLO's stored status, are
 * reused: a status read asks the catalog (permission-filtered) and the database at
 * most once per this time per caller and SLO. A change of catalog permissions takes
 * this long to apply to the status call; statuses change every 30 s anyway.
 */
export const STATUS_READ_CACHE_MS = 5_000;

/**
 * How long a push reuses a valid SLO definition: an exporter pushing 10,000 SLOs a
 * minute would otherwise have the catalog load and parse all of them each time.
 * An edited SLO document reaches pushes within this time (the catalog itself
 * takes longer to process it).
 */
export const PUSH_DEFINITION_CACHE_MS = 60_000;

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

/** Who is asking, as a cache key; undefined when there is no one to name. */
function principalKey(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return `user:${principal.userEntityRef}`;
  }
  if (principal.type === 'service' && principal.subject) {
    return `service:${principal.subject}`;
  }
  return undefined;
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

/** The SLO API behind the router: pushes, status, lists and history. */
export class SloService {
  private readonly visible = new TtlCache<boolean>(
    STATUS_READ_CACHE_MS,
    100_000,
  );
  private readonly statuses = new TtlCache<SloStatus | undefined>(
    STATUS_READ_CACHE_MS,
    100_000,
  );
  private readonly pushDefinitions = new TtlCache<SloDefinition>(
    PUSH_DEFINITION_CACHE_MS,
    100_000,
  );

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      permissions: PermissionsService;
      sliStore: SliStore;
      statusStore: SloStatusStore;
    },
  ) {}

  /**
   * Validates pushed SLI buckets for a built-in SLO and accepts them; they are
   * applied before the next evaluation (within a minute) or read.
   */
  async pushEvents(
    sloRef: string,
    body: unknown,
    credentials: BackstageCredentials,
  ): Promise<{ accepted: number }> {
    await this.assertMayPush(credentials);
    const nowMs = Date.now();
    const buckets = parseSloEvents(body, {
      nowMs,
      oldestFineMs: nowMs - FINE_RETENTION_MS + HOUR,
    });
    const slo = await this.builtinSlo(sloRef);
    await this.deps.sliStore.writeTick([
      { sloRef, buckets, slice: sliceSpecOf(slo) },
    ]);
    return { accepted: buckets.length };
  }

  /**
   * Validates one tick of many SLOs and accepts it all-or-nothing: each entry is
   * checked like a single push (its error names `slos[i]`), then the tick is
   * stored as one pending row, applied like a single push.
   */
  async pushEventsBatch(
    body: unknown,
    credentials: BackstageCredentials,
  ): Promise<{ accepted: number; slos: number }> {
    await this.assertMayPush(credentials);
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
    const nowMs = Date.now();
    // Parse every entry, then look all SLOs up in one catalog call; the first bad
    // entry (in request order) names the error.
    type Parsed =
      | { sloRef: string; buckets: SliBucketInput[]; error?: undefined }
      | { error: unknown };
    const parsedEntries = parsed.data.slos.map(
      ({ slo: ref, ...events }): Parsed => {
        try {
          const sloRef = sloRefOf(ref);
          const buckets = parseSloEvents(events, {
            nowMs,
            oldestFineMs: nowMs - FINE_RETENTION_MS + HOUR,
          });
          return { sloRef, buckets };
        } catch (error) {
          return { error };
        }
      },
    );
    const definitions = await this.pushDefinitionsOf(
      parsedEntries.flatMap(e => ('sloRef' in e ? [e.sloRef] : [])),
    );
    const entries: SliTickEntry[] = [];
    let accepted = 0;
    for (const [i, entry] of parsedEntries.entries()) {
      try {
        if (!('sloRef' in entry)) throw entry.error;
        const slo = builtinOf(entry.sloRef, definitions.get(entry.sloRef));
        entries.push({
          sloRef: entry.sloRef,
          buckets: entry.buckets,
          slice: sliceSpecOf(slo),
        });
        accepted += entry.buckets.length;
      } catch (error) {
        if (error instanceof InputError) {
          throw new InputError(`slos[${i}]: ${error.message}`);
        }
        throw error;
      }
    }
    await this.deps.sliStore.writeTick(entries);
    return { accepted, slos: entries.length };
  }

  /** The definition of a built-in SLO, or an InputError saying why not. */
  private async builtinSlo(sloRef: string): Promise<SloDefinition> {
    return builtinOf(
      sloRef,
      (await this.pushDefinitionsOf([sloRef])).get(sloRef),
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

  /** Users need the events permission; services (CI, exporters) may push. */
  private async assertMayPush(credentials: BackstageCredentials) {
    const { permissions, auth } = this.deps;
    if (auth.isPrincipal(credentials, 'user')) {
      const [decision] = await permissions.authorize(
        [{ permission: sloEventsCreatePermission }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `Pushing SLI events needs the ${sloEventsCreatePermission.name} permission`,
        );
      }
    }
  }

  async getStatus(
    sloRef: string,
    credentials: BackstageCredentials,
  ): Promise<SloStatus> {
    const principal = principalKey(credentials);
    if (principal) {
      const visible = await this.visible.get(
        `${principal}\u0000${sloRef}`,
        () =>
          this.deps.catalog
            .getEntityByRef(sloRef, { credentials })
            .then(entity => entity !== undefined),
      );
      if (!visible) throw new NotFoundError(`No SLO ${sloRef} in the catalog`);
    } else {
      await this.assertVisible(sloRef, credentials);
    }
    const status = await this.statuses.get(sloRef, () =>
      this.deps.statusStore.getStatus(sloRef),
    );
    if (!status) {
      throw new NotFoundError(
        `SLO ${sloRef} has not been evaluated yet; try again in a minute`,
      );
    }
    return status;
  }

  async getHistory(
    sloRef: string,
    credentials: BackstageCredentials,
    days: number,
  ): Promise<SloHistoryResponse> {
    await this.assertVisible(sloRef, credentials);
    const slo = await this.definitionOf(sloRef);
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

  async list(
    query: ListSloStatusQuery & { serviceRef?: string },
  ): Promise<ListSlosResponse> {
    const { statusStore } = this.deps;
    const { serviceRef, ...rest } = query;
    const result = await statusStore.list(
      serviceRef ? { ...rest, scope: { serviceRefs: [serviceRef] } } : rest,
    );
    const invalid = serviceRef
      ? await statusStore.listProblems({
          serviceRef,
          sinceMs: Date.now() - PROBLEM_TTL_MS,
        })
      : [];
    return { ...result, invalid };
  }

  /** The caller must be able to see the SLO entity in the catalog. */
  private async assertVisible(
    sloRef: string,
    credentials: BackstageCredentials,
  ) {
    const entity = await this.deps.catalog.getEntityByRef(sloRef, {
      credentials,
    });
    if (!entity) throw new NotFoundError(`No SLO ${sloRef} in the catalog`);
  }

  private async definitionOf(
    sloRef: string,
  ): Promise<SloDefinition | undefined> {
    const result = (await this.definitionsOf([sloRef])).get(sloRef);
    if (result instanceof Error) throw result;
    return result;
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
