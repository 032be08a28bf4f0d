import {
  AuthorizeResult,
  PolicyDecision,
  isPermission,
} from '@backstage/plugin-permission-common';
import {
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { sloDeadLetterManagePermission } from '@sre-catalog/backstage-plugin-sre-common';
import { ownershipClaims } from './ownershipClaims';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * The decision on `sre.slo.deadletter.manage` (retrying and discarding the SLI
 * push queue's dead letters, which may hold many teams' SLOs): allowed for the
 * members of `managers` (Group or User refs, such as the central SRE team),
 * denied to every other user, and allowed for service principals (no `user`:
 * access restrictions of external tokens are applied before any policy).
 * `undefined` for any other permission, so that a policy can fall through to its
 * next rule.
 *
 * @public
 */
export function sloDeadLetterDecision(
  request: PolicyQuery,
  user: PolicyQueryUser | undefined,
  options: { managers: string[] },
): PolicyDecision | undefined {
  if (!isPermission(request.permission, sloDeadLetterManagePermission)) {
    return undefined;
  }
  if (!user) return { result: AuthorizeResult.ALLOW };
  const managers = new Set(options.managers.map(lower));
  const isManager = ownershipClaims(user).some(claim =>
    managers.has(lower(claim)),
  );
  return { result: isManager ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
}
