import { ConfigSchema, loadConfigSchema } from '@backstage/config-loader';
import { JsonObject } from '@backstage/types';
import { resolve as resolvePath } from 'node:path';

/**
 * The config schemas (config.d.ts) of the backend plugin, the catalog and the search
 * module,
 * compiled the way a Backstage app compiles them at start-up.
 */
async function loadSchema(): Promise<ConfigSchema> {
  return loadConfigSchema({
    dependencies: [],
    packagePaths: [
      resolvePath(__dirname, '../package.json'),
      resolvePath(__dirname, '../../catalog-backend-module-sre/package.json'),
      resolvePath(__dirname, '../../search-backend-module-sre/package.json'),
    ],
    excludePackageDependencies: true,
    // Any key below that a config.d.ts does not declare fails the test.
    noUndeclaredProperties: true,
  });
}

/** Every key the plugins read from config (see the `config.get*` calls). */
const everyKey: JsonObject = {
  sre: {
    centralSreTeam: 'group:default/reliability-engineering',
    platformTeam: 'group:default/platform-engineering',
    responsibilities: {
      release: 'team',
      alerting: { default: 'team', embedded: 'embedded-sre' },
    },
    sources: [
      {
        name: 'main',
        type: 'prometheus',
        baseUrl: 'https://prometheus.example.com',
        default: true,
        headers: {
          Authorization: 'Bearer s3cr3t-token',
          'X-Scope-OrgID': 'tenant-s3cr3t',
        },
        timeout: '30s',
        deadline: '25s',
      },
    ],
    evaluation: { frequency: '30s' },
    runbooks: {
      staleAfterDays: 90,
      allowedLocations: ['https://github.com/acme/runbooks'],
    },
    catalog: { parseSlothAndPyrra: false },
  },
  search: {
    collators: {
      srePostmortems: {
        schedule: { frequency: { minutes: 10 }, timeout: 'PT15M' },
      },
      sreRunbooks: {
        schedule: { frequency: 'PT10M', timeout: { minutes: 15 } },
      },
    },
  },
};

/** The schema node of a config path, e.g. `['sre', 'runbooks']`. */
function schemaAt(schema: ConfigSchema, path: string[]): JsonObject {
  // The merged schema is an allOf of each package's schema.
  const roots = ((schema.serialize().schemas as JsonObject[]) ?? []).map(
    s => s.value as JsonObject,
  );
  for (const root of roots) {
    let node: JsonObject | undefined = root;
    for (const key of path) {
      node = (node?.properties as JsonObject | undefined)?.[key] as
        | JsonObject
        | undefined;
    }
    if (node) return node;
  }
  throw new Error(`No schema declares ${path.join('.')}`);
}

describe('config schema', () => {
  let schema: ConfigSchema;
  beforeAll(async () => {
    schema = await loadSchema();
  }, 60_000);

  it('declares every key the plugins read', () => {
    expect(() =>
      schema.process([{ context: 'app-config.yaml', data: everyKey }]),
    ).not.toThrow();
    // The check is real: an undeclared key fails.
    expect(() =>
      schema.process([
        {
          context: 'app-config.yaml',
          data: { sre: { catalog: { parseSlothAndPyra: true } } },
        },
      ]),
    ).toThrow(/additional properties/);
  });

  it('treats every value of sre.sources[].headers as a secret', () => {
    const [frontend] = schema.process(
      [{ context: 'app-config.yaml', data: everyKey }],
      { visibility: ['frontend'], withFilteredKeys: true },
    );
    expect(JSON.stringify(frontend.data)).not.toContain('s3cr3t');
    expect(frontend.filteredKeys).toEqual(
      expect.arrayContaining([
        'sre.sources[0].headers.Authorization',
        'sre.sources[0].headers.X-Scope-OrgID',
      ]),
    );

    // Only the header values are secrets: asking for secrets alone keeps them.
    const [secrets] = schema.process(
      [{ context: 'app-config.yaml', data: everyKey }],
      { visibility: ['secret'] },
    );
    expect(secrets.data).toEqual({
      sre: {
        sources: [
          {
            headers: {
              Authorization: 'Bearer s3cr3t-token',
              'X-Scope-OrgID': 'tenant-s3cr3t',
            },
          },
        ],
      },
    });

    // What the config loader masks in logs: every value it sees as a secret.
    const seen: string[] = [];
    schema.process([{ context: 'app-config.yaml', data: everyKey }], {
      valueTransform: (value, { visibility, path }) => {
        if (visibility === 'secret') seen.push(path);
        return value;
      },
    });
    expect(seen.sort()).toEqual([
      'sre.sources[0].headers.Authorization',
      'sre.sources[0].headers.X-Scope-OrgID',
    ]);
  });

  it('keeps the documentation of each key', () => {
    expect(schemaAt(schema, ['sre', 'responsibilities']).description).toMatch(
      /^The organisation baseline responsibility matrix.*built-in baseline\.$/s,
    );
    expect(schemaAt(schema, ['sre', 'sources']).description).toMatch(
      /^Prometheus servers that SLIs read/,
    );
    expect(
      schemaAt(schema, ['sre', 'runbooks', 'allowedLocations']).description,
    ).toMatch(/^URL prefixes, besides the entity's own source repository/);
    expect(
      schemaAt(schema, ['sre', 'catalog', 'parseSlothAndPyrra']).description,
    ).toMatch(/Sloth .* Pyrra/s);
  });
});
