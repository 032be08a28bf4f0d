import { PolicyQueryUser } from '@backstage/plugin-permission-node';

/**
 * The user's ownership entity refs (the user and their groups), as the sign-in
 * issued them: the claims every SRE condition matches against. The rules compare
 * them case-insensitively.
 */
export function ownershipClaims(user: PolicyQueryUser): string[] {
  return user.info.ownershipEntityRefs ?? [];
}
