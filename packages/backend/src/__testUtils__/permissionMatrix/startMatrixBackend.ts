import {
  AuthService,
  DatabaseService,
  HttpRouterService,
  coreServices,
  createBackendModule,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import catalogModuleSre from '@sre-catalog/backstage-plugin-catalog-backend-module-sre';
import srePlugin from '@sre-catalog/backstage-plugin-sre-backend';
import {
  CompactSign,
  JWK,
  SignJWT,
  exportJWK,
  generateKeyPair,
  jwtVerify,
} from 'jose';
import { sreDemoPermissionPolicyModule } from '../../modules/permissionPolicyModule';
import { USERS, UserRole, claimsOf, entitiesYaml } from './fixtures';

/** The static external token of the matrix, restricted to SLI pushes. */
export const CI_TOKEN = 'ci-push-token-only-for-sli-events';

const KEY_ID = 'permission-matrix-key';
const ALG = 'ES256';

type Handler = Parameters<HttpRouterService['use']>[0];

/**
 * A stand-in for the auth backend: it signs users in (issues Backstage user tokens
 * with their ownership claims, and the identity proof that lets plugins derive
 * limited tokens from them), publishes its public key and answers `/v1/userinfo`,
 * which the permission backend asks about users who reach it through a plugin.
 */
async function createIdentityProvider() {
  const { privateKey, publicKey } = await generateKeyPair(ALG);
  const publicJwk: JWK = {
    ...(await exportJWK(publicKey)),
    kid: KEY_ID,
    alg: ALG,
    use: 'sig',
  };
  const claimsBySubject = new Map<string, string[]>();

  /** A user token as the auth backend issues it at sign-in. */
  async function signIn(role: UserRole): Promise<string> {
    const sub = USERS[role].ref;
    claimsBySubject.set(sub, claimsOf(role));
    const iat = Math.floor(Date.now() / 1000);
    const exp = iat + 3600;
    // The signature of the limited token the plugins build from this one
    // (UserTokenHandler.createLimitedUserToken): same header and claims, in order.
    const limited = await new CompactSign(
      new TextEncoder().encode(JSON.stringify({ sub, iat, exp })),
    )
      .setProtectedHeader({
        typ: 'vnd.backstage.limited-user',
        alg: ALG,
        kid: KEY_ID,
      })
      .sign(privateKey);
    const uip = limited.split('.')[2];
    return new SignJWT({ ent: claimsOf(role), uip })
      .setProtectedHeader({ typ: 'vnd.backstage.user', alg: ALG, kid: KEY_ID })
      .setIssuer('permission-matrix')
      .setAudience('backstage')
      .setSubject(sub)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(privateKey);
  }

  const handler: Handler = (req, res, next) => {
    if (req.method === 'GET' && req.path === '/.well-known/jwks.json') {
      res.json({ keys: [publicJwk] });
      return;
    }
    if (req.method === 'GET' && req.path === '/v1/userinfo') {
      const token = req.headers.authorization?.match(/^Bearer (\S+)$/)?.[1];
      jwtVerify(token ?? '', publicKey)
        .then(({ payload }) => {
          const ent = claimsBySubject.get(String(payload.sub));
          if (!ent) throw new Error('not signed in');
          res.json({ sub: payload.sub, claims: { sub: payload.sub, ent } });
        })
        .catch(() => res.status(401).json({ error: 'invalid token' }));
      return;
    }
    next();
  };

  const plugin = createBackendPlugin({
    pluginId: 'auth',
    register(reg) {
      reg.registerInit({
        deps: { httpRouter: coreServices.httpRouter },
        async init({ httpRouter }) {
          httpRouter.use(handler);
          httpRouter.addAuthPolicy({
            path: '/.well-known/jwks.json',
            allow: 'unauthenticated',
          });
          httpRouter.addAuthPolicy({
            path: '/v1/userinfo',
            allow: 'unauthenticated',
          });
        },
      });
    },
  });
  return { plugin, signIn };
}

/**
 * Starts a backend with the real SRE backend, the real catalog (fed from a file
 * location, with the SRE catalog module), the real permission backend with the
 * demo's policy, and Backstage's real auth, httpAuth, permissions and userInfo
 * services; only the identity provider is a stand-in.
 */
export async function startMatrixBackend() {
  const directory = createMockDirectory();
  directory.setContent({ 'entities.yaml': entitiesYaml() });
  const identity = await createIdentityProvider();
  const scheduler = mockServices.scheduler();

  // Another backend plugin, to call the SRE backend as a service principal.
  let callerAuth: AuthService | undefined;
  const caller = createBackendPlugin({
    pluginId: 'matrix',
    register(reg) {
      reg.registerInit({
        deps: { auth: coreServices.auth },
        async init({ auth }) {
          callerAuth = auth;
        },
      });
    },
  });

  // The SRE backend's database, to seed what no request can make (dead letters).
  let sreDatabase: DatabaseService | undefined;
  const sreDatabaseProbe = createBackendModule({
    pluginId: 'sre',
    moduleId: 'matrix-database',
    register(reg) {
      reg.registerInit({
        deps: { database: coreServices.database },
        async init({ database }) {
          sreDatabase = database;
        },
      });
    },
  });

  const backend = await startTestBackend({
    features: [
      mockServices.rootConfig.factory({
        data: {
          backend: {
            database: { client: 'better-sqlite3', connection: ':memory:' },
            auth: {
              externalAccess: [
                {
                  type: 'static',
                  options: { token: CI_TOKEN, subject: 'ci-sli-exporter' },
                  accessRestrictions: [
                    { plugin: 'sre', permission: 'sre.slo.events.create' },
                  ],
                },
              ],
            },
          },
          permission: { enabled: true },
          catalog: {
            rules: [
              { allow: ['Component', 'Group', 'User', 'SLO', 'Location'] },
            ],
            locations: [
              { type: 'file', target: directory.resolve('entities.yaml') },
            ],
          },
        },
      }),
      authServiceFactory,
      httpAuthServiceFactory,
      permissionsServiceFactory,
      userInfoServiceFactory,
      // One scheduler for all plugins, whose tasks run only when the test says.
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => scheduler,
      }),
      catalogPlugin,
      catalogModuleSre,
      permissionPlugin,
      sreDemoPermissionPolicyModule,
      srePlugin,
      sreDatabaseProbe,
      identity.plugin,
      caller,
    ],
  });

  const baseUrl = `http://localhost:${backend.server.port()}`;

  /** A token of the `matrix` plugin for another plugin. */
  async function serviceToken(targetPluginId: string): Promise<string> {
    const auth = callerAuth!;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId,
    });
    return token;
  }

  return {
    baseUrl,
    signIn: identity.signIn,
    serviceToken,
    /** The SRE backend's own database client. */
    sreDatabase: () => sreDatabase!.getClient(),
    /**
     * Applies the accepted pushes and runs the SRE backend's SLO evaluation now
     * (statuses, incidents): two tasks, as in a running backend.
     */
    evaluateSlos: async () => {
      await scheduler.triggerTask('sre-sli-apply');
      await scheduler.triggerTask('sre-slo-evaluation');
    },
    stop: () => backend.stop(),
  };
}
