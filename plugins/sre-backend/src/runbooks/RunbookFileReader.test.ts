import {
  UrlReaderService,
  UrlReaderServiceReadTreeOptions,
  UrlReaderServiceReadUrlOptions,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { NotFoundError, NotModifiedError } from '@backstage/errors';
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

/**
 * A URL reader whose trees hold the given files, applying the caller's filter.
 * Its ETag is `etag-<version>`; a read with the current ETag is NotModified.
 */
function fakeUrlReader(tree: Record<string, string>, version = { current: 1 }) {
  const etag = () => `etag-${version.current}`;
  const reader = {
    readTree: jest.fn(
      async (_url: string, options?: UrlReaderServiceReadTreeOptions) => {
        if (options?.etag === etag()) throw new NotModifiedError();
        const kept = Object.entries(tree).filter(([path, text]) =>
          options?.filter ? options.filter(path, { size: text.length }) : true,
        );
        return {
          etag: etag(),
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
    readUrl: jest.fn(
      async (url: string, options?: UrlReaderServiceReadUrlOptions) => {
        if (options?.etag === etag()) throw new NotModifiedError();
        const path = new URL(url).pathname.split('/').pop()!;
        if (!(path in tree)) throw new NotFoundError(`${url} not found`);
        return { buffer: async () => Buffer.from(tree[path]), etag: etag() };
      },
    ),
    search: jest.fn(),
  };
  return reader as typeof reader & jest.Mocked<UrlReaderService>;
}

/** A cache service backed by a Map, recording what is set. */
function mapCache() {
  const store = new Map<string, unknown>();
  return {
    store,
    cache: mockServices.cache.mock({
      get: jest.fn(async (key: string) => store.get(key) as any),
      set: jest.fn(async (key: string, value: unknown) => {
        store.set(key, value);
      }),
    }),
  };
}

/**
 * A reader with a map cache and a clock that the test moves on
 * (`clock.nowMs += ...`), starting at `startMs`.
 */
function readerWithClock(
  urlReader: ReturnType<typeof fakeUrlReader>,
  startMs = 0,
) {
  const clock = { nowMs: startMs };
  const reader = RunbookFileReader.create({
    urlReader,
    integrations,
    cache: mapCache().cache,
    now: () => clock.nowMs,
  });
  return { reader, clock };
}

describe('RunbookFileReader through the URL reader', () => {
  const folder = 'https://github.com/acme/shop/tree/main/runbooks';
  const minutes = (n: number) => n * 60_000;

  it('reads a folder with readTree, gives each file its URL, and caches the result', async () => {
    const urlReader = fakeUrlReader({
      'b.md': runbook('B'),
      'a.md': runbook('A'),
      'sub/c.md': runbook('C'),
      'README.txt': 'no',
      '.github/x.md': runbook('X'),
    });
    const { cache } = mapCache();
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
      `runbooks:v2:${folder}:ann`,
      expect.objectContaining({ files: first.files, etag: 'etag-1' }),
      { ttl: minutes(60) },
    );
  });

  it('asks with the ETag once the copy is 5 minutes old, and keeps the copy while it is current', async () => {
    const version = { current: 1 };
    const tree = { 'a.md': runbook('A') };
    const urlReader = fakeUrlReader(tree, version);
    const { reader, clock } = readerWithClock(
      urlReader,
      Date.parse('2026-11-22T10:00:00Z'),
    );
    const read = () => reader.read({ type: 'url', target: folder }, 'ann');

    const first = await read();
    expect(first.files.map(f => f.text)).toEqual([runbook('A')]);
    clock.nowMs += minutes(4);
    await read();
    expect(urlReader.readTree).toHaveBeenCalledTimes(1);

    // Older than 5 minutes: asked again, with the ETag; unchanged, nothing is downloaded.
    clock.nowMs += minutes(2);
    expect(await read()).toEqual(first);
    expect(urlReader.readTree).toHaveBeenCalledTimes(2);
    expect(urlReader.readTree.mock.calls[1][1]).toMatchObject({
      etag: 'etag-1',
    });
    // The NotModified answer counts as a fresh check.
    clock.nowMs += minutes(4);
    await read();
    expect(urlReader.readTree).toHaveBeenCalledTimes(2);

    // Changed: the new files replace the copy.
    version.current = 2;
    Object.assign(tree, { 'b.md': runbook('B') });
    clock.nowMs += minutes(2);
    const changed = await read();
    expect(urlReader.readTree).toHaveBeenCalledTimes(3);
    expect(urlReader.readTree.mock.calls[2][1]).toMatchObject({
      etag: 'etag-1',
    });
    expect(changed.files.map(f => f.path)).toEqual(['a.md', 'b.md']);
    clock.nowMs += minutes(6);
    await read();
    expect(urlReader.readTree.mock.calls[3][1]).toMatchObject({
      etag: 'etag-2',
    });
  });

  it('asks for a single file with readUrl and its ETag', async () => {
    const urlReader = fakeUrlReader({ 'errors.md': runbook('Errors') });
    const { reader, clock } = readerWithClock(urlReader);
    const url = 'https://github.com/acme/shop/blob/main/runbooks/errors.md';
    const first = await reader.read({ type: 'url', target: url }, 'ann');
    clock.nowMs += minutes(10);
    expect(await reader.read({ type: 'url', target: url }, 'ann')).toEqual(
      first,
    );
    expect(urlReader.readUrl.mock.calls.map(call => call[1])).toEqual([
      { etag: undefined },
      { etag: 'etag-1' },
    ]);
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

  it('turns a source that cannot be read into a problem', async () => {
    const urlReader = fakeUrlReader({});
    urlReader.readTree.mockRejectedValue(new Error('rate limited'));
    const reader = RunbookFileReader.create({ urlReader, integrations });
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
  });

  it('caches a failed read for 5 minutes, then tries again', async () => {
    const urlReader = fakeUrlReader({});
    const { reader, clock } = readerWithClock(urlReader);
    const url = 'https://github.com/acme/shop/blob/main/x.md';
    const read = () => reader.read({ type: 'url', target: url }, 'ann');
    const notFound = {
      files: [],
      problems: [
        {
          source: 'file',
          message: `ann was not found (${url})`,
        },
      ],
    };
    expect(await read()).toEqual(notFound);
    clock.nowMs += minutes(4);
    expect(await read()).toEqual(notFound);
    expect(urlReader.readUrl).toHaveBeenCalledTimes(1);
    clock.nowMs += minutes(2);
    expect(await read()).toEqual(notFound);
    expect(urlReader.readUrl).toHaveBeenCalledTimes(2);
    // Nothing was read, so there is no ETag to ask with.
    expect(urlReader.readUrl.mock.calls[1][1]).toEqual({ etag: undefined });
  });

  it('keeps showing the last copy, with the problem, when a later read fails', async () => {
    const version = { current: 1 };
    const urlReader = fakeUrlReader({ 'a.md': runbook('A') }, version);
    const { reader, clock } = readerWithClock(
      urlReader,
      Date.parse('2026-11-22T10:00:00Z'),
    );
    const read = () => reader.read({ type: 'url', target: folder }, 'ann');
    const first = await read();

    urlReader.readTree.mockRejectedValueOnce(new Error('rate limited'));
    clock.nowMs += minutes(6);
    const failed = await read();
    expect(failed).toEqual({
      files: first.files,
      problems: [
        {
          source: 'file',
          message: `ann cannot be read (${folder}): rate limited; showing the copy read at 2026-11-22T10:00:00.000Z`,
        },
      ],
    });
    // Not asked again for 5 minutes; then with the copy's ETag, which clears it.
    clock.nowMs += minutes(4);
    expect(await read()).toEqual(failed);
    clock.nowMs += minutes(2);
    expect(await read()).toEqual(first);
    expect(urlReader.readTree.mock.calls.map(call => call[1]?.etag)).toEqual([
      undefined,
      'etag-1',
      'etag-1',
    ]);
  });

  it('reads again when the cache is down', async () => {
    const urlReader = fakeUrlReader({ 'a.md': runbook('A') });
    const cache = mockServices.cache.mock({
      get: jest.fn().mockRejectedValue(new Error('cache down')),
      set: jest.fn().mockRejectedValue(new Error('cache down')),
    });
    const reader = RunbookFileReader.create({ urlReader, integrations, cache });
    for (let i = 0; i < 2; i++) {
      expect(
        (await reader.read({ type: 'url', target: folder }, 'ann')).files,
      ).toHaveLength(1);
    }
    expect(urlReader.readTree).toHaveBeenCalledTimes(2);
  });
});
