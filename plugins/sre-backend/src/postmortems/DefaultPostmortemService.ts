import {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { RELATION_HAS_MEMBER } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CreatePostmortemRequest,
  ListActionItemsRequest,
  ListActionItemsResponse,
  ListPostmortemsRequest,
  ListPostmortemsResponse,
  ListRequiredPostmortemsResponse,
  Postmortem,
  PostmortemHistoryResponse,
  UpdatePostmortemRequest,
} from '@sre-catalog/backstage-plugin-sre-common';
import { OwnershipService } from '../ownership/OwnershipService';
import { PermissionDeps } from '../permissions/PermissionDeps';
import { SloIncidentsService } from '../slos/SloIncidentsService';
import {
  CatalogVisibility,
  DEFAULT_VISIBILITY_CACHE_TTL_MS,
} from '../catalog/CatalogVisibility';
import { catalogCredentialsFor } from '../catalog/catalogCredentialsFor';
import { listRequiredPostmortems } from './listRequiredPostmortems';
import {
  lower,
  pageOf,
  toListActionItemsQuery,
  toListPostmortemsQuery,
} from './postmortemListQueries';
import { PostmortemEntityResolver } from './PostmortemEntityResolver';
import { PostmortemReadAccess } from './PostmortemReadAccess';
import { toWirePostmortem } from './PostmortemResource';
import {
  PostmortemRequestOptions,
  PostmortemService,
} from './PostmortemService';
import { PostmortemStore } from './PostmortemStore';
import { PostmortemWrites } from './PostmortemWrites';
import { redactRevisions, refsInRevisions } from './redactPostmortemHistory';

type Deps = PermissionDeps & {
  catalog: CatalogService;
  auditor: AuditorService;
  /** Who supports each affected entity, recorded for the IS_AFFECTED_ENTITY_SRE rule. */
  ownership: OwnershipService;
  store: PostmortemStore;
  /**
   * The SLO domain's incidents: the budget impacted SLOs lost, when a request
   * leaves it out, and the detected incidents that need a postmortem.
   */
  sloIncidents?: SloIncidentsService;
};

/**
 * The postmortem registry: reads here, writes in PostmortemWrites, what a caller
 * may read in PostmortemReadAccess.
 */
export class DefaultPostmortemService implements PostmortemService {
  private readonly access: PostmortemReadAccess;
  private readonly writes: PostmortemWrites;

  private constructor(
    private readonly deps: Deps & { now: () => Date },
    visibility: CatalogVisibility,
  ) {
    this.access = new PostmortemReadAccess({ ...deps, visibility });
    this.writes = new PostmortemWrites({
      ...deps,
      access: this.access,
      resolver: new PostmortemEntityResolver(deps),
    });
  }

  static create(
    options: Deps & {
      /** How long a caller's catalog visibility is reused (`sre.visibility.cacheTtl`, default 10 s; 0: not at all). */
      visibilityTtlMs?: number;
      /** For tests. */
      now?: () => Date;
    },
  ): DefaultPostmortemService {
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

  create(
    request: CreatePostmortemRequest,
    options: PostmortemRequestOptions,
  ): Promise<Postmortem> {
    return this.writes.create(request, options);
  }

  update(
    id: string,
    request: UpdatePostmortemRequest,
    options: PostmortemRequestOptions,
  ): Promise<Postmortem> {
    return this.writes.update(id, request, options);
  }

  async get(id: string, { credentials }: PostmortemRequestOptions) {
    return toWirePostmortem(await this.access.readable(id, credentials));
  }

  async list(
    request: ListPostmortemsRequest,
    { credentials }: PostmortemRequestOptions,
  ): Promise<ListPostmortemsResponse> {
    // Before the filter: a malformed bound is the caller's error either way.
    const query = toListPostmortemsQuery(request);
    const filter = await this.access.listFilter(credentials);
    if (!filter) return { items: [], totalCount: 0 };
    return this.deps.store.list(query, filter);
  }

  async getHistory(
    id: string,
    { credentials }: PostmortemRequestOptions,
  ): Promise<PostmortemHistoryResponse> {
    await this.access.readable(id, credentials);
    const revisions = await this.deps.store.getRevisions(id);
    const hidden = await this.access.hiddenFromReader(
      refsInRevisions(revisions),
      credentials,
    );
    return { postmortemId: id, revisions: redactRevisions(revisions, hidden) };
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
      toListActionItemsQuery(
        request,
        this.deps.now().toISOString().slice(0, 10),
        ownerRefs,
      ),
      filter,
    );
  }

  listRequired(
    request: { limit?: number; offset?: number },
    { credentials }: PostmortemRequestOptions,
  ): Promise<ListRequiredPostmortemsResponse> {
    return listRequiredPostmortems(
      { ...this.deps, access: this.access },
      pageOf(request, 100, 500),
      credentials,
    );
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
}
