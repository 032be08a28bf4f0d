import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { restrictedEntityDecision } from './restrictedEntityDecision';
import { sloPushDecision } from './sloPushDecision';
import { srePostmortemDecision } from './srePostmortemDecision';

/** @public Options of {@link createSrePermissionPolicy}. */
export type SrePermissionPolicyOptions = {
  /**
   * Decides every permission the SRE helpers leave open (everything but catalog
   * entities, postmortems and SLI pushes). Without it they are allowed, as with
   * Backstage's allow-all policy.
   */
  fallback?: PermissionPolicy;
};

/**
 * A permission policy made of the SRE Catalog's helpers:
 * {@link restrictedEntityDecision} for catalog entities,
 * {@link srePostmortemDecision} for postmortems and {@link sloPushDecision} for SLI
 * pushes; anything else goes to `options.fallback`, or is allowed.
 *
 * @public
 */
export function createSrePermissionPolicy(
  options: SrePermissionPolicyOptions = {},
): PermissionPolicy {
  return {
    async handle(
      request: PolicyQuery,
      user?: PolicyQueryUser,
    ): Promise<PolicyDecision> {
      const decision =
        restrictedEntityDecision(request, user) ??
        srePostmortemDecision(request, user) ??
        sloPushDecision(request, user);
      if (decision) return decision;
      if (options.fallback) return options.fallback.handle(request, user);
      return { result: AuthorizeResult.ALLOW };
    },
  };
}
