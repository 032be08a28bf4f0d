import {
  AuthorizeResult,
  PolicyDecision,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  CATALOG_ENTITY_RESOURCE_TYPE,
  restrictedEntityConditions,
} from './catalogEntityConditions';
import { ownershipClaims } from './ownershipClaims';

/**
 * The decision on `catalog.entity.read`: entities annotated
 * `sre-catalog.io/visibility: restricted` are readable only by members of their
 * owner Group (or of the Group in `sre-catalog.io/restricted-to`), everything else
 * by everyone signed in. Service principals (no `user`) read everything: access
 * restrictions of external tokens are applied before any policy.
 *
 * @public
 */
export function restrictedEntityReadDecision(
  user?: PolicyQueryUser,
): PolicyDecision {
  if (!user) return { result: AuthorizeResult.ALLOW };
  return {
    result: AuthorizeResult.CONDITIONAL,
    pluginId: 'catalog',
    resourceType: CATALOG_ENTITY_RESOURCE_TYPE,
    conditions: restrictedEntityConditions(ownershipClaims(user)),
  };
}

/**
 * The same restriction for every permission on catalog entities (read, refresh,
 * delete, ...): nobody acts on an entity they may not see. `undefined` for any
 * other permission, so that a policy can fall through to its next rule.
 *
 * @public
 */
export function restrictedEntityDecision(
  request: PolicyQuery,
  user?: PolicyQueryUser,
): PolicyDecision | undefined {
  if (!isResourcePermission(request.permission, CATALOG_ENTITY_RESOURCE_TYPE)) {
    return undefined;
  }
  return restrictedEntityReadDecision(user);
}
