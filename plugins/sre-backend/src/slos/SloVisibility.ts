import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SloProblemRecord } from '@sre-catalog/backstage-plugin-sre-common';
import { CatalogVisibility } from '../catalog/CatalogVisibility';
import { catalogCredentialsFor } from '../catalog/catalogCredentialsFor';

/**
 * Which SLOs and services a caller may see. An SLO or service not in the catalog
 * is no SLO to show, or to push to; hidden and missing get the same answer.
 */
export class SloVisibility {
  /** Read visibility (status, history, lists), reused for `readTtlMs`. */
  private readonly reads: CatalogVisibility;
  /** Push visibility: reused as long as the push definitions. */
  private readonly pushes: CatalogVisibility;

  constructor(
    private readonly deps: { catalog: CatalogService; auth: AuthService },
    options: { readTtlMs: number; pushTtlMs: number },
  ) {
    // A busy caller's answers are refreshed ahead, from half their TTL on.
    this.reads = new CatalogVisibility(deps, {
      missingIsHidden: true,
      ttlMs: options.readTtlMs,
      refreshAfterMs: options.readTtlMs / 2,
    });
    // Like the definitions: a new SLO accepts pushes at once.
    this.pushes = new CatalogVisibility(deps, {
      missingIsHidden: true,
      ttlMs: options.pushTtlMs,
      cacheHidden: false,
    });
  }

  /** The refs among `refs` that the reading caller cannot see. */
  hiddenFromReader(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    return this.reads.hiddenRefs(refs, credentials);
  }

  /**
   * Throws NotFoundError unless the caller can see the SLO and, when known, its
   * service.
   */
  async assertReadable(
    sloRef: string,
    serviceRef: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const hidden = await this.reads.hiddenRefs(
      serviceRef ? [sloRef, serviceRef] : [sloRef],
      credentials,
    );
    if (hidden.size) throw new NotFoundError(`No SLO ${sloRef} in the catalog`);
  }

  /**
   * The SLOs of a push the pusher cannot see, asked once the policy allows
   * pushing at all (a refused caller learns nothing of the SLOs) and so with
   * catalogCredentialsFor's credentials: a token restricted to
   * `sre.slo.events.create` can push.
   */
  async hiddenFromPusher(
    sloRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    return this.pushes.hiddenRefs(
      sloRefs,
      await catalogCredentialsFor(this.deps.auth, credentials),
    );
  }

  /**
   * Invalid SLO documents of services the caller can see (`hidden`: what the
   * caller cannot). An invalid document is often no entity of the catalog at
   * all; one that is, and is hidden from the caller, is left out.
   */
  async visibleProblems(
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
}
