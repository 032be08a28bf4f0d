import {
  UrlReaderService,
  UrlReaderServiceReadTreeOptions,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { resolveRunbooksLocation } from './resolveRunbooksLocation';
import { RunbookFileReader } from './RunbookFileReader';

const integrations = ScmIntegrations.fromConfig(new ConfigReader({}));

function entityWith(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout-api', annotations },
    spec: {},
  };
}

const runbook = (title: string) =>
  `---\ntitle: ${title}\nlast-reviewed: 2026-05-01\n---\n# ${title}\n`;

describe('resolveRunbooksLocation', () => {
  it('resolves dir: next to the catalog file of a file: location', () => {
    expect(
      resolveRunbooksLocation(
        entityWith({
          'backstage.io/managed-by-location': 'file:/srv/catalog/entities.yaml',
          'sre-catalog.io/runbooks': 'dir:./runbooks/checkout-api',
        }),
        integrations,
      ),
    ).toEqual({
      type: 'dir',
      target: '/srv/catalog/runbooks/checkout-api',
      base: '/srv/catalog',
    });
  });

  it('resolves dir: against the source location of a url: entity, as TechDocs does', () => {
    expect(
      resolveRunbooksLocation(
        entityWith({
          'backstage.io/managed-by-location':
            'url:https://github.com/acme/shop/blob/main/catalog-info.yaml',
          'sre-catalog.io/runbooks': 'dir:./docs/runbooks',
        }),
        integrations,
      ),
    ).toEqual({
      type: 'url',
      target: 'https://github.com/acme/shop/tree/main/docs/runbooks',
    });
    expect(
      resolveRunbooksLocation(
        entityWith({
          'backstage.io/managed-by-location':
            'url:https://github.com/acme/shop/blob/main/catalog-info.yaml',
          'backstage.io/source-location':
            'url:https://github.com/acme/checkout/tree/main/',
          'sre-catalog.io/runbooks': 'dir:runbooks',
        }),
        integrations,
      ),
    ).toEqual({
      type: 'url',
      target: 'https://github.com/acme/checkout/tree/main/runbooks',
    });
  });

  it('takes url: as written and returns nothing without the annotation', () => {
    expect(
      resolveRunbooksLocation(
        entityWith({
          'sre-catalog.io/runbooks':
            'url:https://github.com/acme/shop/tree/main/runbooks',
        }),
        integrations,
      ),
    ).toEqual({
      type: 'url',
      target: 'https://github.com/acme/shop/tree/main/runbooks',
    });
    expect(
      resolveRunbooksLocation(entityWith({}), integrations),
    ).toBeUndefined();
  });

  it.each([
    [
      'runbooks',
      {},
      'sre-catalog.io/runbooks must be dir:<path relative to the catalog file> or url:<location>, not "runbooks"',
    ],
    [
      'file:/etc',
      {},
      'sre-catalog.io/runbooks must start with dir: or url:, not file: ("file:/etc")',
    ],
    [
      'url:ftp://example.com/runbooks',
      {},
      'sre-catalog.io/runbooks "url:ftp://example.com/runbooks" is not an http(s) URL',
    ],
    [
      'dir:./runbooks',
      {},
      'sre-catalog.io/runbooks "dir:./runbooks" is relative, but the entity has no backstage.io/source-location or backstage.io/managed-by-location annotation to resolve it from',
    ],
    [
      'dir:../../etc',
      { 'backstage.io/managed-by-location': 'file:/srv/catalog/entities.yaml' },
      'sre-catalog.io/runbooks "dir:../../etc" leaves the folder of the entity\'s catalog file',
    ],
  ])('refuses %s with a message that says why', (value, more, message) => {
    expect(() =>
      resolveRunbooksLocation(
        entityWith({ ...more, 'sre-catalog.io/runbooks': value }),
        integrations,
      ),
    ).toThrow(message);
  });
});

describe('RunbookFileReader on the file system', () => {
  const mockDir = createMockDirectory();
  const urlReader = mockServices.urlReader.mock();
  const reader = RunbookFileReader.create({ urlReader, integrations });

  beforeEach(() => {
    mockDir.setContent({
      'outside/secret.md': runbook('Secret'),
      catalog: {
        'entities.yaml': 'kind: Component',
        'runbooks/checkout-api': {
          'zz-last.md': runbook('Last'),
          'error-rate.md': runbook('Error rate'),
          'notes.txt': 'not a runbook',
          '.drafts/draft.md': runbook('Draft'),
          'db/restore.markdown': runbook('Restore'),
          escape: ctx => ctx.symlink(mockDir.resolve('outside')),
        },
        'runbooks/empty': {},
        'runbooks/linked': ctx => ctx.symlink(mockDir.resolve('outside')),
      },
    });
  });

  /** Resolves the annotation for an entity from `<mockDir>/catalog/entities.yaml`. */
  const read = (value: string, fileReader = reader) => {
    const location = resolveRunbooksLocation(
      entityWith({
        'backstage.io/managed-by-location': `file:${mockDir.resolve(
          'catalog/entities.yaml',
        )}`,
        'sre-catalog.io/runbooks': value,
      }),
      integrations,
    )!;
    return fileReader.read(location, `sre-catalog.io/runbooks "${value}"`);
  };

  it('reads the Markdown files of a dir: folder, sorted, without hidden folders or symbolic links', async () => {
    const result = await read('dir:./runbooks/checkout-api');
    expect(result.problems).toEqual([]);
    expect(result.files).toEqual([
      { path: 'db/restore.markdown', text: runbook('Restore') },
      { path: 'error-rate.md', text: runbook('Error rate') },
      { path: 'zz-last.md', text: runbook('Last') },
    ]);
    expect(urlReader.readTree).not.toHaveBeenCalled();
  });

  it('reads a dir: that names one file', async () => {
    const result = await read('dir:./runbooks/checkout-api/error-rate.md');
    expect(result).toEqual({
      files: [{ path: 'error-rate.md', text: runbook('Error rate') }],
      problems: [],
    });
  });

  it('reports a missing or empty folder without naming server paths', async () => {
    const missing = await read('dir:./runbooks/nope');
    expect(missing).toEqual({
      files: [],
      problems: [
        {
          source: 'file',
          message:
            'sre-catalog.io/runbooks "dir:./runbooks/nope" names a folder that does not exist',
        },
      ],
    });
    const empty = await read('dir:./runbooks/empty');
    expect(empty.problems[0].message).toBe(
      'sre-catalog.io/runbooks "dir:./runbooks/empty" holds no Markdown (.md) files',
    );
  });

  it('does not follow a symbolic link out of the catalog folder', async () => {
    expect(() => read('dir:./runbooks/linked')).toThrow(
      'sre-catalog.io/runbooks "dir:./runbooks/linked" leaves the folder of the entity\'s catalog file',
    );
    // Also when the link is only found while reading.
    const result = await reader.read(
      {
        type: 'dir',
        target: mockDir.resolve('catalog/runbooks/linked'),
        base: mockDir.resolve('catalog'),
      },
      'ann',
    );
    expect(result).toEqual({
      files: [],
      problems: [
        {
          source: 'file',
          message: "ann leads outside the folder of the entity's catalog file",
        },
      ],
    });
  });

  it('caps the number of files, the size of each and the total', async () => {
    const small = RunbookFileReader.create({
      urlReader,
      integrations,
      limits: { maxFiles: 2, maxFileBytes: 60, maxTotalBytes: 1000 },
    });
    mockDir.addContent({
      'catalog/runbooks/checkout-api/big.md': 'x'.repeat(61),
    });
    const result = await read('dir:./runbooks/checkout-api', small);
    expect(result.files.map(f => f.path)).toEqual(['db/restore.markdown']);
    expect(result.problems.map(p => p.message)).toEqual([
      'sre-catalog.io/runbooks "dir:./runbooks/checkout-api" holds 3 Markdown files; only the first 2 are read',
      'big.md is 0 KiB, larger than the 0 KiB a runbook file may have; it is left out',
    ]);

    const tight = RunbookFileReader.create({
      urlReader,
      integrations,
      limits: { maxTotalBytes: 120 },
    });
    const total = await read('dir:./runbooks/checkout-api', tight);
    expect(total.files.map(f => f.path)).toEqual([
      'big.md',
      'db/restore.markdown',
    ]);
    expect(total.problems.map(p => p.location)).toEqual([
      'error-rate.md',
      'zz-last.md',
    ]);
  });
});

/** A URL reader whose trees hold the given files, applying the caller's filter. */
function fakeUrlReader(
  tree: Record<string, string>,
): jest.Mocked<UrlReaderService> {
  return {
    readTree: jest.fn(
      async (_url: string, options?: UrlReaderServiceReadTreeOptions) => {
        const kept = Object.entries(tree).filter(([path, text]) =>
          options?.filter ? options.filter(path, { size: text.length }) : true,
        );
        return {
          etag: 'etag',
          files: async () =>
            kept.map(([path, text]) => ({
              path,
              content: async () => Buffer.from(text),
            })),
          archive: async () => {
            throw new Error('not used');
          },
          dir: async () => {
            throw new Error('not used');
          },
        };
      },
    ),
    readUrl: jest.fn(async (url: string) => {
      const path = new URL(url).pathname.split('/').pop()!;
      if (!(path in tree)) throw new NotFoundError(`${url} not found`);
      return { buffer: async () => Buffer.from(tree[path]) };
    }),
    search: jest.fn(),
  } as jest.Mocked<UrlReaderService>;
}

describe('RunbookFileReader through the URL reader', () => {
  const folder = 'https://github.com/acme/shop/tree/main/runbooks';

  it('reads a folder with readTree, gives each file its URL, and caches the result', async () => {
    const urlReader = fakeUrlReader({
      'b.md': runbook('B'),
      'a.md': runbook('A'),
      'sub/c.md': runbook('C'),
      'README.txt': 'no',
      '.github/x.md': runbook('X'),
    });
    const store = new Map<string, unknown>();
    const cache = mockServices.cache.mock({
      get: jest.fn(async (key: string) => store.get(key) as any),
      set: jest.fn(async (key: string, value: unknown) => {
        store.set(key, value);
      }),
    });
    const reader = RunbookFileReader.create({ urlReader, integrations, cache });
    const first = await reader.read({ type: 'url', target: folder }, 'ann');
    expect(first).toEqual({
      files: [
        { path: 'a.md', url: `${folder}/a.md`, text: runbook('A') },
        { path: 'b.md', url: `${folder}/b.md`, text: runbook('B') },
        { path: 'sub/c.md', url: `${folder}/sub/c.md`, text: runbook('C') },
      ],
      problems: [],
    });
    const second = await reader.read({ type: 'url', target: folder }, 'ann');
    expect(second).toEqual(first);
    expect(urlReader.readTree).toHaveBeenCalledTimes(1);
    expect(cache.set).toHaveBeenCalledWith(
      `runbooks:v1:${folder}:ann`,
      first,
      expect.anything(),
    );
  });

  it('stops at the file cap and leaves out oversized files inside the filter', async () => {
    const urlReader = fakeUrlReader({
      'a.md': runbook('A'),
      'b.md': 'x'.repeat(100),
      'c.md': runbook('C'),
      'd.md': runbook('D'),
    });
    const reader = RunbookFileReader.create({
      urlReader,
      integrations,
      limits: { maxFiles: 2, maxFileBytes: 99 },
    });
    const result = await reader.read({ type: 'url', target: folder }, 'ann');
    expect(result.files.map(f => f.path)).toEqual(['a.md', 'c.md']);
    expect(result.problems.map(p => p.message)).toEqual([
      'b.md is 0 KiB, larger than the 0 KiB a runbook file may have; it is left out',
      'ann holds 4 Markdown files; only 2 are read',
    ]);
  });

  it('reads a single .md URL with readUrl', async () => {
    const urlReader = fakeUrlReader({ 'errors.md': runbook('Errors') });
    const reader = RunbookFileReader.create({ urlReader, integrations });
    const url = 'https://github.com/acme/shop/blob/main/runbooks/errors.md';
    expect(await reader.read({ type: 'url', target: url }, 'ann')).toEqual({
      files: [{ path: 'errors.md', url, text: runbook('Errors') }],
      problems: [],
    });
    expect(urlReader.readTree).not.toHaveBeenCalled();
  });

  it('turns a source that cannot be read into a problem, and does not cache it', async () => {
    const urlReader = fakeUrlReader({});
    urlReader.readTree.mockRejectedValue(new Error('rate limited'));
    const set = jest.fn();
    const reader = RunbookFileReader.create({
      urlReader,
      integrations,
      cache: mockServices.cache.mock({ get: async () => undefined, set }),
    });
    expect(
      await reader.read(
        { type: 'url', target: 'https://github.com/acme/shop/blob/main/x.md' },
        'ann',
      ),
    ).toEqual({
      files: [],
      problems: [
        {
          source: 'file',
          message:
            'ann was not found (https://github.com/acme/shop/blob/main/x.md)',
        },
      ],
    });
    expect(
      (await reader.read({ type: 'url', target: folder }, 'ann')).problems,
    ).toEqual([
      {
        source: 'file',
        message: `ann cannot be read (${folder}): rate limited`,
      },
    ]);
    expect(set).not.toHaveBeenCalled();
  });
});
