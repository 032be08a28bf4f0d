import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  SreOwnershipConfig,
  sloEventsCreatePermission,
} from '@sre-catalog/backstage-plugin-sre-common';
import { actorOf } from '../permissions/actorOf';
import { PermissionDeps } from '../permissions/PermissionDeps';
import { SloPermissionResources } from './SloPermissionResources';
import {
  sloPermissionResourceRef,
  sloPermissionRules,
} from './sloPermissionRules';
import { SloDefinitionsOf } from './SloStatusReads';

/** What push decisions are made with: the policy, its rules, the catalog. */
export type SloPushPolicyDeps = Omit<PermissionDeps, 'permissionsRegistry'> & {
  catalog: CatalogService;
  /** For rules that modules add; the plugin's own rules without it. */
  permissionsRegistry?: PermissionDeps['permissionsRegistry'];
  /** Who the SREs of a service are, for `isServiceOwnerOrSre`. */
  ownershipConfig?: SreOwnershipConfig;
};

/** Who may push SLI events, and to which SLOs. */
export class SloPushPermissions {
  /** SLOs as permission resources, for conditional decisions on pushes. */
  readonly resources: SloPermissionResources;

  constructor(
    private readonly deps: SloPushPolicyDeps & {
      definitionsOf: SloDefinitionsOf;
    },
  ) {
    this.resources = new SloPermissionResources({
      catalog: deps.catalog,
      auth: deps.auth,
      ownershipConfig: deps.ownershipConfig,
      definitionsOf: deps.definitionsOf,
    });
  }

  /** Who pushes, as recorded with the push; users and services only. */
  pusherOf(credentials: BackstageCredentials): string {
    return actorOf(
      this.deps.auth,
      credentials,
      'Pushing SLI events needs a user or service',
    );
  }

  /**
   * The policy's decision on pushing, asked once per request for users and
   * service principals alike (so that external access restrictions hold).
   */
  async decision(credentials: BackstageCredentials): Promise<PolicyDecision> {
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
  async deniedBy(
    decision: PolicyDecision,
    sloRefs: string[],
  ): Promise<(sloRef: string) => boolean> {
    if (decision.result === AuthorizeResult.ALLOW) return () => false;
    if (decision.result === AuthorizeResult.DENY) return () => true;
    const resources = await this.resources.load(sloRefs);
    const registry = this.deps.permissionsRegistry;
    const authorize = registry
      ? createConditionAuthorizer(
          registry.getPermissionRuleset(sloPermissionResourceRef),
        )
      : createConditionAuthorizer(Object.values(sloPermissionRules));
    return sloRef => !authorize(decision, resources.get(sloRef));
  }
}
