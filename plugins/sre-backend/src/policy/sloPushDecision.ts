import {
  AuthorizeResult,
  PolicyDecision,
  isPermission,
} from '@backstage/plugin-permission-common';
import {
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { sloEventsCreatePermission } from '@sre-catalog/backstage-plugin-sre-common';
import {
  createSloConditionalDecision,
  sloConditions,
} from '../slos/sloPermissionRules';
import { ownershipClaims } from './ownershipClaims';

/**
 * The decision on `sre.slo.events.create` (SLI pushes): allowed for the owners and
 * the SREs of the SLO's service, and for service principals (no `user`: access
 * restrictions of external tokens, such as a CI token restricted to this
 * permission, are applied before any policy). `undefined` for any other
 * permission, so that a policy can fall through to its next rule.
 *
 * @public
 */
export function sloPushDecision(
  request: PolicyQuery,
  user?: PolicyQueryUser,
): PolicyDecision | undefined {
  const { permission } = request;
  if (!isPermission(permission, sloEventsCreatePermission)) return undefined;
  if (!user) return { result: AuthorizeResult.ALLOW };
  const claims = ownershipClaims(user);
  if (!claims.length) return { result: AuthorizeResult.DENY };
  return createSloConditionalDecision(
    permission,
    sloConditions.isServiceOwnerOrSre({ claims }),
  );
}
