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
import { sloDeadLetterDecision } from './sloDeadLetterDecision';
import { sloPushDecision } from './sloPushDecision';
import { srePostmortemDecision } from './srePostmortemDecision';

/** @public Options of {@link createSrePermissionPolicy}. */
export type SrePermissionPolicyOptions = {
  /**
   * Decides every permission the SRE helpers leave open (everything but catalog
   * entities, postmortems, SLI pushes and dead letters). Without it they are
   * allowed, as with Backstage's allow-all policy.
   */
  fallback?: PermissionPolicy;
  /**
   * Group or User refs whose members may retry and discard the SLI push queue's
   * dead letters (`sre.slo.deadletter.manage`), e.g. the central SRE team. No
   * user may without it; service principals may.
   */
  deadLetterManagers?: string[];
};

/**
 * A permission policy made of the SRE Catalog's helpers:
 * {@link restrictedEntityDecision} for catalog entities,
 * {@link srePostmortemDecision} for postmortems, {@link sloPushDecision} for SLI
 * pushes and {@link sloDeadLetterDecision} for dead letters; anything else goes
 * to `options.fallback`, or is allowed.
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
        sloPushDecision(request, user) ??
        sloDeadLetterDecision(request, user, {
          managers: options.deadLetterManagers ?? [],
        });
      if (decision) return decision;
      if (options.fallback) return options.fallback.handle(request, user);
      return { result: AuthorizeResult.ALLOW };
    },
  };
}
