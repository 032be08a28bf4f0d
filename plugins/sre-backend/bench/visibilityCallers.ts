/**
 * The callers of the visibility benchmark: the guest and users of the generated
 * teams, whose tokens the bench signs with a key pair of its own, and the check
 * that no list shows a caller a restricted service it may not see.
 */
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import knexFactory from 'knex';
import { ROOT } from './backendHarness';
import { CALLERS, ISSUER, KEY_ID, TEAMS } from './visibilitySettings';

export type KeyFiles = { publicKeyFile: string; privateKeyFile: string };

/** A P-256 key pair for the backend's static key store, as PEM files in `dir`. */
export function writeKeyPair(dir: string): KeyFiles {
  const { publicKey, privateKey } = generateKeyPairSync('ec', {
    namedCurve: 'P-256',
  });
  const files = {
    publicKeyFile: path.join(dir, 'bench-key.pub.pem'),
    privateKeyFile: path.join(dir, 'bench-key.pem'),
  };
  fs.writeFileSync(
    files.publicKeyFile,
    publicKey.export({ type: 'spki', format: 'pem' }),
  );
  fs.writeFileSync(
    files.privateKeyFile,
    privateKey.export({ type: 'pkcs8', format: 'pem' }),
  );
  return files;
}

/**
 * A user token as the auth backend issues one (its own issueUserToken, with the
 * key of the static key store), carrying the ownership claims the policy reads.
 */
export async function userToken(
  keys: KeyFiles,
  userRef: string,
  ownershipRefs: string[],
): Promise<string> {
  // Not part of the package's API: the bench signs exactly as the demo backend's
  // auth plugin would, resolved from that backend (a dependency of it, not of ours).
  const issuer = require.resolve(
    [
      '@backstage/plugin-auth-backend',
      'dist/identity/issueUserToken.cjs.js',
    ].join('/'),
    { paths: [path.join(ROOT, 'packages/backend')] },
  );
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { issueUserToken } = require(issuer);
  const key = {
    ...createPrivateKey(fs.readFileSync(keys.privateKeyFile)).export({
      format: 'jwk',
    }),
    alg: 'ES256',
    kid: KEY_ID,
  };
  const { token } = await issueUserToken({
    issuer: ISSUER,
    key,
    keyDurationSeconds: 3600,
    logger: { info: () => {} },
    params: { claims: { sub: userRef, ent: [userRef, ...ownershipRefs] } },
  });
  return token;
}

/**
 * Records users as the auth backend does when they sign in: a forwarded user token
 * carries no ownership claims, so plugins ask the auth backend, which reads them
 * from its database (here a file, so that the bench can write to it).
 */
export async function registerUsers(
  authDb: string,
  users: Array<{ userRef: string; ownershipRefs: string[] }>,
) {
  const db = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: authDb },
    useNullAsDefault: true,
  });
  try {
    const updatedAt = new Date().toISOString().replace('T', ' ').slice(0, 23);
    for (const { userRef, ownershipRefs } of users) {
      await db('user_info')
        .insert({
          user_entity_ref: userRef,
          user_info: JSON.stringify({
            claims: { sub: userRef, ent: [userRef, ...ownershipRefs] },
          }),
          updated_at: updatedAt,
        })
        .onConflict('user_entity_ref')
        .merge();
    }
  } finally {
    await db.destroy();
  }
}

/** A caller of the lists: its token, and the team whose restricted services it may see. */
export type Caller = { name: string; token: string; team?: number };

/** The guest, then users of teams 0, 1, …: CALLERS distinct principals. */
export async function callers(
  keys: KeyFiles,
  authDb: string,
  guest: string,
): Promise<Caller[]> {
  await registerUsers(
    authDb,
    Array.from({ length: CALLERS - 1 }, (_, t) => ({
      userRef: `user:default/bench-user-${t}`,
      ownershipRefs: [`group:default/bench-team-${t}`],
    })),
  );
  const users = await Promise.all(
    Array.from({ length: CALLERS - 1 }, async (_, t) => ({
      name: `bench-user-${t}`,
      team: t,
      token: await userToken(keys, `user:default/bench-user-${t}`, [
        `group:default/bench-team-${t}`,
      ]),
    })),
  );
  return [{ name: 'guest', token: guest }, ...users];
}

/** A restricted service in `body` that the caller may not see, if any. */
export function leakIn(body: unknown, caller: Caller): string | undefined {
  for (const [, digits] of JSON.stringify(body).matchAll(
    /bench-svc-(\d{4})\b/g,
  )) {
    const i = Number(digits);
    const mayRead = caller.team !== undefined && i % TEAMS === caller.team;
    if (i % 10 === 0 && !mayRead) return `bench-svc-${digits}`;
  }
  return undefined;
}
