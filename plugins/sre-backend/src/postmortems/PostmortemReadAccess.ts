import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  createConditionTransformer,
} from '@backstage/plugin-permission-node';
import { NotFoundError } from '@backstage/errors';
import { postmortemReadPermission } from '@sre-catalog/backstage-plugin-sre-common';
import { CatalogVisibility } from '../catalog/CatalogVisibility';
import { catalogCredentialsFor } from '../catalog/catalogCredentialsFor';
import { PermissionDeps } from '../permissions/PermissionDeps';
import { postmortemPermissionResourceRef } from './postmortemPermissionRules';
import { PostmortemResource, postmortemNamedRefs } from './PostmortemResource';
import { PostmortemReadFilter, PostmortemStore } from './PostmortemStore';

/**
 * What a caller may read of the postmortem registry: `sre.postmortem.read`, then
 * catalog visibility of every ref a postmortem names (asked as
 * catalogCredentialsFor says, since the read is allowed by then).
 */
export class PostmortemReadAccess {
  constructor(
    private readonly deps: PermissionDeps & {
      store: PostmortemStore;
      visibility: CatalogVisibility;
    },
  ) {}

  /**
   * The filter lists apply in SQL; undefined when the caller may read none. One
   * permission decision, one query of the named refs and (beyond the cache) one batch
   * catalog look-up.
   */
  async listFilter(
    credentials: BackstageCredentials,
  ): Promise<PostmortemReadFilter | undefined> {
    const [decision, named] = await Promise.all([
      this.decide(credentials),
      this.deps.store.listNamedRefs(),
    ]);
    if (decision.result === AuthorizeResult.DENY) return undefined;
    const hidden = await this.hiddenFromReader(named, credentials);
    return {
      visibleRefs: named.filter(ref => !hidden.has(ref)),
      condition:
        decision.result === AuthorizeResult.CONDITIONAL
          ? createConditionTransformer(this.ruleset())(decision.conditions)
          : undefined,
    };
  }

  /** A stored postmortem the caller may read; NotFoundError for any other id. */
  async readable(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<PostmortemResource> {
    const stored = await this.deps.store.get(id);
    if (!stored || !(await this.mayRead(stored, credentials))) {
      throw new NotFoundError(`No postmortem ${id}`);
    }
    return stored;
  }

  /** Whether the caller may read one postmortem. */
  async mayRead(
    postmortem: PostmortemResource,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const decision = await this.decide(credentials);
    if (decision.result === AuthorizeResult.DENY) return false;
    const hidden = await this.hiddenFromReader(
      postmortemNamedRefs(postmortem),
      credentials,
    );
    if (hidden.size) return false;
    return this.allows(decision, postmortem);
  }

  /**
   * Refs among these that the catalog hides from a caller whom
   * `sre.postmortem.read` lets read postmortems.
   */
  async hiddenFromReader(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    return this.deps.visibility.hiddenRefs(
      refs,
      await catalogCredentialsFor(this.deps.auth, credentials),
    );
  }

  /** Refs among these that the catalog hides from the caller, asked as the caller. */
  hiddenRefs(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    return this.deps.visibility.hiddenRefs(refs, credentials);
  }

  private allows(decision: PolicyDecision, postmortem: PostmortemResource) {
    if (decision.result === AuthorizeResult.ALLOW) return true;
    if (decision.result === AuthorizeResult.DENY) return false;
    return createConditionAuthorizer(this.ruleset())(decision, postmortem);
  }

  private async decide(
    credentials: BackstageCredentials,
  ): Promise<PolicyDecision> {
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission: postmortemReadPermission }],
      { credentials },
    );
    return decision;
  }

  private ruleset() {
    return this.deps.permissionsRegistry.getPermissionRuleset(
      postmortemPermissionResourceRef,
    );
  }
}
