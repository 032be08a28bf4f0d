import {
  AuthorizeResult,
  PolicyDecision,
  isPermission,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  POSTMORTEM_RESOURCE_TYPE,
  postmortemCreatePermission,
  postmortemReadPermission,
  postmortemUpdatePermission,
} from '@sre-catalog/backstage-plugin-sre-common';
import {
  createPostmortemConditionalDecision,
  postmortemConditions,
} from '../postmortems/postmortemPermissionRules';
import { ownershipClaims } from './ownershipClaims';

/**
 * The decision on the postmortem permissions:
 *
 * - `sre.postmortem.read`: a postmortem about restricted entities only for those
 *   who own each of them (catalog visibility applies on top of it, in every read
 *   of the SRE backend; search applies only this permission);
 * - `sre.postmortem.create` and `sre.postmortem.update`: for the owners and the SREs
 *   of the entities it is about (the responsibility matrix's holders).
 *
 * Service principals (no `user`) are allowed: access restrictions of external tokens
 * are applied before any policy. `undefined` for any other permission, so that a
 * policy can fall through to its next rule.
 *
 * @public
 */
export function srePostmortemDecision(
  request: PolicyQuery,
  user?: PolicyQueryUser,
): PolicyDecision | undefined {
  const { permission } = request;
  if (!isResourcePermission(permission, POSTMORTEM_RESOURCE_TYPE)) {
    return undefined;
  }
  if (!user) return { result: AuthorizeResult.ALLOW };
  const claims = ownershipClaims(user);

  if (isPermission(permission, postmortemReadPermission)) {
    // Every restricted entity, not just one entity of the postmortem: owning one
    // service of it does not open another team's restricted one.
    return createPostmortemConditionalDecision(
      permission,
      postmortemConditions.isRestrictedEntityOwner({ claims }),
    );
  }

  if (
    isPermission(permission, postmortemCreatePermission) ||
    isPermission(permission, postmortemUpdatePermission)
  ) {
    if (!claims.length) return { result: AuthorizeResult.DENY };
    return createPostmortemConditionalDecision(permission, {
      anyOf: [
        postmortemConditions.isAffectedEntityOwner({ claims }),
        postmortemConditions.isAffectedEntitySre({ claims }),
      ],
    });
  }
  return undefined;
}
