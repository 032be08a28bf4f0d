import { AuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  PostmortemContent,
  PostmortemEntityFacts,
  PostmortemStore,
} from './PostmortemStore';
import { evaluatePostmortemPolicy } from '@sre-catalog/backstage-plugin-sre-common';
import { OwnershipService } from '../ownership/OwnershipService';
import { PostmortemEntityResolver } from './PostmortemEntityResolver';
import { PostmortemResource, restrictedFacts } from './PostmortemResource';

/**
 * The entity ref (lower case) a permission resource id names, or undefined for a
 * postmortem id: those are UUIDs, which never parse as a ref with a kind.
 */
function entityRefOf(id: string): string | undefined {
  try {
    return stringifyEntityRef(parseEntityRef(id)).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/** A draft postmortem about one entity, as a write would record it now. */
function draftOf(
  entityRef: string,
  facts: PostmortemEntityFacts,
  now: Date,
): PostmortemResource {
  const at = now.toISOString();
  const content: PostmortemContent = {
    template: 'quick',
    title: '',
    severity: 'SEV3',
    status: 'draft',
    startedAt: at,
    entityRefs: [entityRef],
    impactedSlos: [],
    summary: '',
    timeline: [],
    contributingFactors: [],
    tags: [],
    links: [],
    actionItems: [],
  };
  return {
    ...content,
    id: entityRef,
    version: 0,
    policy: evaluatePostmortemPolicy(content),
    createdAt: at,
    createdBy: '',
    updatedAt: at,
    updatedBy: '',
    ownerRefs: [...new Set(facts.owners.map(o => o.ownerRef))].sort(),
    sreRefs: [...new Set(facts.sres.map(s => s.sreRef))].sort(),
    ...restrictedFacts(facts.restrictedEntityRefs, facts.owners),
  };
}

/**
 * Postmortems as the permission backend loads them to apply a conditional
 * decision: stored ones by id, and for an entity ref (the frontend asks
 * `sre.postmortem.create` about the entity of its page before offering "New
 * postmortem") a draft postmortem about that entity, with its owners, SREs and
 * restricted annotation looked up in one batch with the plugin's own credentials.
 */
export class PostmortemPermissionResources {
  private constructor(
    private readonly store: Pick<PostmortemStore, 'getMany'>,
    private readonly resolver: Pick<PostmortemEntityResolver, 'draftFacts'>,
    private readonly now: () => Date,
  ) {}

  static create(options: {
    store: Pick<PostmortemStore, 'getMany'>;
    catalog: CatalogService;
    auth: AuthService;
    ownership: OwnershipService;
    /** For tests. */
    now?: () => Date;
  }): PostmortemPermissionResources {
    return new PostmortemPermissionResources(
      options.store,
      new PostmortemEntityResolver(options),
      options.now ?? (() => new Date()),
    );
  }

  /** In the order of `ids`; undefined for unknown postmortems and entities. */
  async getMany(ids: string[]): Promise<Array<PostmortemResource | undefined>> {
    const refs = ids.map(entityRefOf);
    const postmortemIds = ids.filter((_, i) => refs[i] === undefined);
    const entityRefs = [
      ...new Set(refs.filter((r): r is string => r !== undefined)),
    ];
    const [stored, facts] = await Promise.all([
      postmortemIds.length ? this.store.getMany(postmortemIds) : [],
      this.resolver.draftFacts(entityRefs),
    ]);
    const now = this.now();
    const drafts = new Map<string, PostmortemResource | undefined>(
      entityRefs.map((ref, i) => {
        const found = facts[i];
        return [ref, found && draftOf(ref, found, now)];
      }),
    );
    let next = 0;
    return refs.map(ref =>
      ref === undefined ? stored[next++] : drafts.get(ref),
    );
  }
}
