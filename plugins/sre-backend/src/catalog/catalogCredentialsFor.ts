import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';

/**
 * The credentials the SRE backend asks the catalog with for a look-up that serves
 * an action an SRE permission decision let the caller take (a push, a postmortem
 * write or read): a user's own, and the plugin's own for a service principal.
 *
 * Backstage forwards a service caller to another plugin as this plugin anyway, but
 * refuses to when the caller's token has access restrictions: an external token
 * limited to `sre.slo.events.create` could not push. The permission decision,
 * asked with the caller's own credentials, is where those restrictions apply, so
 * call this only once it allowed the action. Look-ups no SRE permission guards
 * (SLO lists and status, coverage, ownership, runbooks) keep the caller's own
 * credentials: the catalog stays closed to a token that may not read it.
 */
export async function catalogCredentialsFor(
  auth: AuthService,
  credentials: BackstageCredentials,
): Promise<BackstageCredentials> {
  if (auth.isPrincipal(credentials, 'service')) {
    return auth.getOwnServiceCredentials();
  }
  return credentials;
}
