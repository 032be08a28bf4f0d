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
  validateOpenSloSlo,
} from '@sre-catalog/backstage-plugin-sre-common';
import { computeDailyHistory } from './computeDailyHistory';
import { FINE_RETENTION_MS, sliceSpecOf, tierCut } from './SloEvaluator';
import { parseSloEvents } from './SloEventsValidator';
import { SliStore } from './SliStore';
import { ListSloStatusQuery, SloStatusStore } from './SloStatusStore';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Problems not seen for this long belong to documents that are gone. */
const PROBLEM_TTL_MS = 6 * HOUR;

/** The SLO API behind the router: pushes, status, lists and history. */
export class SloService {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      permissions: PermissionsService;
      sliStore: SliStore;
      statusStore: SloStatusStore;
    },
  ) {}

  /** Validates and stores pushed SLI buckets for a built-in SLO. */
  async pushEvents(
    sloRef: string,
    body: unknown,
    credentials: BackstageCredentials,
  ): Promise<{ accepted: number }> {
    const { permissions, sliStore, auth } = this.deps;
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
    const nowMs = Date.now();
    const buckets = parseSloEvents(body, {
      nowMs,
      oldestFineMs: nowMs - FINE_RETENTION_MS + HOUR,
    });
    const slo = await this.definitionOf(sloRef);
    if (!slo) throw new InputError(`Unknown SLO ${sloRef}`);
    if (slo.indicator.source.type !== 'builtin') {
      throw new InputError(
        `SLO ${sloRef} reads its SLI from ${slo.indicator.source.type}; only SLIs with metricSource type builtin accept pushed events`,
      );
    }
    await sliStore.writeBuckets(sloRef, buckets, sliceSpecOf(slo));
    return { accepted: buckets.length };
  }

  async getStatus(
    sloRef: string,
    credentials: BackstageCredentials,
  ): Promise<SloStatus> {
    await this.assertVisible(sloRef, credentials);
    const status = await this.deps.statusStore.getStatus(sloRef);
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
    const { catalog, auth } = this.deps;
    const credentials = await auth.getOwnServiceCredentials();
    const entity = await catalog.getEntityByRef(sloRef, { credentials });
    if (!entity) return undefined;
    const namespace = entity.metadata.namespace ?? 'default';
    const indicatorRef = entity.spec?.indicatorRef;
    const slis: Record<string, unknown> = {};
    if (typeof indicatorRef === 'string') {
      const sli = await catalog.getEntityByRef(
        { kind: 'SLI', namespace, name: indicatorRef },
        { credentials },
      );
      if (sli) slis[indicatorRef] = sli;
    }
    const { definition, problems } = validateOpenSloSlo(entity, {
      namespace,
      slis,
    });
    if (!definition) {
      throw new InputError(
        `SLO ${sloRef} is invalid: ${problems
          .map(p => `${p.path}: ${p.message}`)
          .join('; ')}`,
      );
    }
    return definition;
  }
}
