/** The visibility benchmark's organisation: its catalog file, the backend config and the postmortems. */
import path from 'node:path';
import { ROOT, forEachConcurrently } from './backendHarness';
import { builtinSloYaml } from './loadOrganisation';
import { KeyFiles } from './visibilityCallers';
import {
  KEY_ID,
  SEED_TOKEN,
  SERVICES,
  TEAMS,
  api,
  name,
  team,
} from './visibilitySettings';

/** Groups, services and their SLOs as one multi-document YAML file. */
export function organisation(): string {
  const docs: string[] = [];
  for (let t = 0; t < TEAMS; t++) {
    docs.push(`apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: bench-team-${t} }
spec: { type: team, children: [] }`);
  }
  for (let i = 0; i < SERVICES; i++) {
    const restricted =
      i % 10 === 0
        ? `\n  annotations: { sre-catalog.io/visibility: restricted }`
        : '';
    docs.push(`apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name(i)}${restricted}
spec: { type: service, lifecycle: production, owner: group:default/${team(
      i,
    )} }`);
    docs.push(builtinSloYaml(`${name(i)}-availability`, name(i)));
  }
  return `${docs.join('\n---\n')}\n`;
}

/** The demo's locations plus the generated organisation (arrays replace, not merge). */
export function benchConfig(
  orgFile: string,
  keys: KeyFiles,
  authDb: string,
): string {
  const examples = path.join(ROOT, 'examples');
  return `backend:
  database:
    plugin:
      auth:
        # A relative filename: the connector joins it to the directory.
        connection: { directory: ${path.dirname(
          authDb,
        )}, filename: ${path.basename(authDb)} }
auth:
  keyStore:
    provider: static
    static:
      keys:
        - publicKeyFile: ${keys.publicKeyFile}
          privateKeyFile: ${keys.privateKeyFile}
          keyId: ${KEY_ID}
          algorithm: ES256
catalog:
  locations:
    - { type: file, target: ${examples}/entities.yaml }
    - { type: file, target: ${examples}/org.yaml, rules: [{ allow: [User, Group] }] }
    - type: file
      target: ${orgFile}
      rules: [{ allow: [Component, Group, SLO, SLI] }]
  processingInterval: { minutes: 30 }
`;
}

export async function createPostmortems(now: number) {
  await forEachConcurrently(SERVICES, 8, i =>
    api('/api/sre/postmortems', SEED_TOKEN, {
      method: 'POST',
      body: JSON.stringify({
        title: `Latency spike on ${name(i)}`,
        severity: 'SEV3',
        status: 'published',
        startedAt: new Date(now - (i + 1) * 3_600_000).toISOString(),
        resolvedAt: new Date(now - i * 3_600_000).toISOString(),
        entityRefs: [`component:default/${name(i)}`],
        impactedSlos: [
          {
            sloRef: `slo:default/${name(i)}-availability`,
            budgetConsumed: 0.01,
          },
        ],
        summary: 'A slow dependency.',
        actionItems: [
          {
            title: 'Add a timeout',
            owner: `group:default/${team(i)}`,
            priority: 'P2',
            status: 'open',
          },
        ],
      }),
    }),
  );
}
