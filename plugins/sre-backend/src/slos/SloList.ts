import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ListSlosResponse } from '@sre-catalog/backstage-plugin-sre-common';
import { OwnershipService } from '../ownership/OwnershipService';
import { ListSlosQuery } from './SloService';
import { SloVisibility } from './SloVisibility';
import { withFaults } from './sloStatusFaults';
import { ListSloStatusQuery, SloStatusStore } from './status/SloStatusStore';
import { RefusedPushes, SliStore } from './store/SliStore';

/** Problems not seen for this long belong to documents that are gone. */
const PROBLEM_TTL_MS = 6 * 3_600_000;

/** Pages of SLO statuses, of a service or a team, as the caller may see them. */
export class SloList {
  constructor(
    private readonly deps: {
      sliStore: SliStore;
      statusStore: SloStatusStore;
      visibility: SloVisibility;
      ownership?: Pick<OwnershipService, 'getTeamSupport'>;
      evaluationIntervalMs: number;
      now: () => number;
    },
  ) {}

  /**
   * A page of SLO statuses the caller can see (the SLO and its service), counted
   * in SQL: the refs the filter selects are checked in one catalog call with the
   * caller's credentials, and the hidden ones left out of the query.
   */
  async list(
    query: ListSlosQuery,
    credentials: BackstageCredentials,
  ): Promise<ListSlosResponse> {
    const { statusStore, visibility } = this.deps;
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
    const hidden = await visibility.hiddenFromReader(
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
    const nowMs = this.deps.now();
    const [refused, invalid] = await Promise.all([
      // One look-up for the whole page.
      result.items.length
        ? this.deps.sliStore.refusedPushes(result.items.map(i => i.sloRef))
        : Promise.resolve(new Map<string, RefusedPushes>()),
      visibility.visibleProblems(problems, hidden),
    ]);
    return {
      ...result,
      items: result.items.map(status =>
        withFaults(
          status,
          refused.get(status.sloRef),
          nowMs,
          this.deps.evaluationIntervalMs,
        ),
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
}
