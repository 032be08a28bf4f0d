import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';

/**
 * Who acts, as a write records it (never taken from a body): a user's entity ref or
 * a service's subject. Any other caller gets a NotAllowedError saying `refusal`.
 */
export function actorOf(
  auth: AuthService,
  credentials: BackstageCredentials,
  refusal: string,
): string {
  if (auth.isPrincipal(credentials, 'user')) {
    return credentials.principal.userEntityRef;
  }
  if (auth.isPrincipal(credentials, 'service')) {
    return credentials.principal.subject;
  }
  throw new NotAllowedError(refusal);
}
