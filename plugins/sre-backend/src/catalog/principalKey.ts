import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';

/** Who is asking, as a cache key; undefined when there is no one to name. */
export function principalKey(
  auth: AuthService,
  credentials: BackstageCredentials,
): string | undefined {
  if (auth.isPrincipal(credentials, 'user')) {
    return `user:${credentials.principal.userEntityRef}`;
  }
  if (auth.isPrincipal(credentials, 'service')) {
    return `service:${credentials.principal.subject}`;
  }
  return undefined;
}
