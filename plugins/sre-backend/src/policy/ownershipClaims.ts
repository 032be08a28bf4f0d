import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { z } from 'zod/v4';

/**
 * The user's ownership entity refs (the user and their groups), as the sign-in
 * issued them: the claims every SRE condition matches against. The rules compare
 * them case-insensitively.
 */
export function ownershipClaims(user: PolicyQueryUser): string[] {
  return user.info.ownershipEntityRefs ?? [];
}

/** The `claims` parameter of the SRE permission rules: what ownershipClaims gives. */
export const claimsParamSchema = z
  .array(z.string())
  .describe(
    'Entity refs of the user and their groups; usually the ownershipEntityRefs of the user',
  );
