import {
  CacheService,
  isChildPath,
  LoggerService,
  UrlReaderService,
  UrlReaderServiceReadUrlResponse,
} from '@backstage/backend-plugin-api';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { RunbookProblem } from '@sre-catalog/backstage-plugin-sre-common';
import { promises as fs } from 'node:fs';
import { basename, join, posix } from 'node:path';
import { RunbooksLocation } from './resolveRunbooksLocation';

/** One Markdown file of a runbooks folder, before parsing. */
export type RunbookFile = {
  /** Path inside the runbooks folder, `/`-separated. */
  path: string;
  /** Where to open it, for files read through the URL reader. */
  url?: string;
  text: string;
};

/** The files read from one location, and what kept others from being read. */
export type RunbookFiles = {
  files: RunbookFile[];
  problems: RunbookProblem[];
};

/** Caps that keep one entity's runbooks from filling the backend's memory. */
export type RunbookReadLimits = {
  maxFiles: number;
  maxFileBytes: number;
  maxTotalBytes: number;
  /** How deep below the runbooks folder to look for files. */
  maxDepth: number;
};

export const DEFAULT_RUNBOOK_READ_LIMITS: RunbookReadLimits = {
  maxFiles: 50,
  maxFileBytes: 256 * 1024,
  maxTotalBytes: 2 * 1024 * 1024,
  maxDepth: 4,
};

/** How long a read copy is served without asking the source again. */
export const DEFAULT_RUNBOOK_CACHE_TTL_MS = 5 * 60_000;
/** How long a failed read (not found, no access, rate limited) is not retried. */
export const DEFAULT_RUNBOOK_FAILED_READ_TTL_MS = 5 * 60_000;
/**
 * How long a copy is kept after that, so that the next read only asks whether it
 * changed (ETag) instead of downloading the whole folder again.
 */
export const DEFAULT_RUNBOOK_CACHE_RETAIN_MS = 60 * 60_000;

/** What the cache holds for one location (JSON). */
type CachedRead = {
  /** The files and problems of the last successful read. */
  files: RunbookFile[];
  problems: RunbookProblem[];
  /** Whether `files`/`problems` come from a successful read. */
  hasCopy: boolean;
  /** The ETag of that read, for the next one. */
  etag?: string;
  /** When that read happened (ISO), shown when a later read fails. */
  readAt?: string;
  /** The last attempt failed: why. */
  failure?: RunbookProblem;
  /** When the source was last asked (epoch ms). */
  checkedAt: number;
};

const isNamed = (error: unknown, name: string) =>
  (error as Error)?.name === name;

const isMarkdown = (path: string) => /\.(?:md|markdown)$/i.test(path);
/** Dot folders and files (`.git`, `.github`) and dependencies are never runbooks. */
const isIgnored = (path: string) =>
  path
    .split('/')
    .some(segment => segment.startsWith('.') || segment === 'node_modules');

const kib = (bytes: number) => `${Math.round(bytes / 1024)} KiB`;

/** Reads at most `max` bytes; undefined when the body is larger. */
async function readCapped(
  response: UrlReaderServiceReadUrlResponse,
  max: number,
): Promise<Buffer | undefined> {
  if (!response.stream) {
    const buffer = await response.buffer();
    return buffer.length > max ? undefined : buffer;
  }
  const stream = response.stream();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > max) {
      stream.destroy();
      return undefined;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Problems name the annotation's value, never the backend's own paths. */
function problem(message: string, location?: string): RunbookProblem {
  return { source: 'file', ...(location ? { location } : {}), message };
}

/**
 * Reads the Markdown files of a resolved runbooks location: a folder (recursively)
 * or a single `.md` file, from the backend's file system or through the URL reader.
 * Never throws for a missing, unreadable or oversized source: that becomes a
 * problem.
 *
 * What the URL reader returns is cached, so that entity pages do not download a
 * repository archive on every visit: a copy is served for
 * {@link DEFAULT_RUNBOOK_CACHE_TTL_MS}, a failure for
 * {@link DEFAULT_RUNBOOK_FAILED_READ_TTL_MS}; after that the source is asked with
 * the copy's ETag, and a `NotModifiedError` keeps the copy. A copy is kept for
 * {@link DEFAULT_RUNBOOK_CACHE_RETAIN_MS}, at most
 * `limits.maxTotalBytes` per location, in the backend's cache service. When a
 * read fails after a successful one, the last copy is shown with the problem.
 */
export class RunbookFileReader {
  private constructor(
    private readonly urlReader: UrlReaderService,
    private readonly integrations: Pick<ScmIntegrationRegistry, 'resolveUrl'>,
    private readonly limits: RunbookReadLimits,
    private readonly cache: CacheService | undefined,
    private readonly ttl: {
      copyMs: number;
      failureMs: number;
      retainMs: number;
    },
    private readonly now: () => number,
    private readonly logger: LoggerService | undefined,
  ) {}

  static create(options: {
    urlReader: UrlReaderService;
    integrations: Pick<ScmIntegrationRegistry, 'resolveUrl'>;
    limits?: Partial<RunbookReadLimits>;
    cache?: CacheService;
    cacheTtlMs?: number;
    failedReadTtlMs?: number;
    cacheRetainMs?: number;
    now?: () => number;
    logger?: LoggerService;
  }): RunbookFileReader {
    const copyMs = options.cacheTtlMs ?? DEFAULT_RUNBOOK_CACHE_TTL_MS;
    const failureMs =
      options.failedReadTtlMs ?? DEFAULT_RUNBOOK_FAILED_READ_TTL_MS;
    return new RunbookFileReader(
      options.urlReader,
      options.integrations,
      { ...DEFAULT_RUNBOOK_READ_LIMITS, ...options.limits },
      options.cache,
      {
        copyMs,
        failureMs,
        retainMs: Math.max(
          options.cacheRetainMs ?? DEFAULT_RUNBOOK_CACHE_RETAIN_MS,
          copyMs,
          failureMs,
        ),
      },
      options.now ?? Date.now,
      options.logger,
    );
  }

  /**
   * @param location - the resolved annotation
   * @param annotation - the annotation as written, for messages
   */
  async read(
    location: RunbooksLocation,
    annotation: string,
  ): Promise<RunbookFiles> {
    if (location.type === 'dir') {
      return this.readLocal(location.target, location.base, annotation);
    }
    const target = location.target;
    // The messages name the annotation, so it is part of the key.
    const key = `runbooks:v2:${target}:${annotation}`;
    // A cache that is down must not take the runbooks with it.
    const cached = (await this.cache?.get(key).catch(() => undefined)) as
      | CachedRead
      | undefined;
    const nowMs = this.now();
    if (cached) {
      const ttl = cached.failure ? this.ttl.failureMs : this.ttl.copyMs;
      if (nowMs - cached.checkedAt < ttl) return this.filesOf(cached);
    }

    const etag = cached?.hasCopy ? cached.etag : undefined;
    let entry: CachedRead;
    try {
      const read = await this.readRemote(target, annotation, etag);
      entry = {
        files: read.files,
        problems: read.problems,
        hasCopy: true,
        etag: read.etag,
        readAt: new Date(nowMs).toISOString(),
        checkedAt: nowMs,
      };
    } catch (error) {
      if (cached?.hasCopy && etag && isNamed(error, 'NotModifiedError')) {
        entry = { ...cached, failure: undefined, checkedAt: nowMs };
      } else {
        entry = {
          files: cached?.hasCopy ? cached.files : [],
          problems: cached?.hasCopy ? cached.problems : [],
          hasCopy: cached?.hasCopy ?? false,
          etag: cached?.etag,
          readAt: cached?.readAt,
          failure: this.failure(target, annotation, error, cached),
          checkedAt: nowMs,
        };
      }
    }
    if (this.cache) {
      await this.cache
        .set(key, entry, { ttl: this.ttl.retainMs })
        .catch(error =>
          this.logger?.warn(`Could not cache runbooks of ${target}: ${error}`),
        );
    }
    return this.filesOf(entry);
  }

  private filesOf(entry: CachedRead): RunbookFiles {
    return {
      files: entry.files,
      problems: entry.failure
        ? [...entry.problems, entry.failure]
        : entry.problems,
    };
  }

  /** The problem of a failed remote read; the last copy is named when there is one. */
  private failure(
    target: string,
    annotation: string,
    error: unknown,
    cached: CachedRead | undefined,
  ): RunbookProblem {
    const notFound = isNamed(error, 'NotFoundError');
    if (!notFound) {
      this.logger?.warn(`Could not read runbooks from ${target}: ${error}`);
    }
    const message = notFound
      ? `${annotation} was not found (${target})`
      : `${annotation} cannot be read (${target}): ${
          (error as Error)?.message ?? error
        }`;
    return problem(
      cached?.hasCopy && cached.readAt
        ? `${message}; showing the copy read at ${cached.readAt}`
        : message,
    );
  }

  private async readLocal(
    target: string,
    base: string,
    annotation: string,
  ): Promise<RunbookFiles> {
    const problems: RunbookProblem[] = [];
    let realTarget: string;
    let stat: Awaited<ReturnType<typeof fs.stat>>;
    try {
      realTarget = await fs.realpath(target);
      stat = await fs.stat(realTarget);
    } catch (error) {
      return {
        files: [],
        problems: [
          problem(
            (error as NodeJS.ErrnoException).code === 'ENOENT'
              ? `${annotation} names a folder that does not exist`
              : `${annotation} cannot be read: ${
                  (error as NodeJS.ErrnoException).code ?? 'unknown error'
                }`,
          ),
        ],
      };
    }
    // resolveSafeChildPath compares paths as written; a symbolic link could still
    // lead out of the catalog file's folder.
    const realBase = await fs.realpath(base).catch(() => base);
    if (!isChildPath(realBase, realTarget)) {
      return {
        files: [],
        problems: [
          problem(
            `${annotation} leads outside the folder of the entity's catalog file`,
          ),
        ],
      };
    }

    let paths: string[];
    if (stat.isFile()) {
      if (!isMarkdown(realTarget)) {
        return {
          files: [],
          problems: [
            problem(`${annotation} is neither a folder nor a Markdown file`),
          ],
        };
      }
      paths = [basename(realTarget)];
      realTarget = join(realTarget, '..');
    } else {
      paths = await this.listLocal(realTarget);
    }
    if (paths.length === 0) {
      return {
        files: [],
        problems: [problem(`${annotation} holds no Markdown (.md) files`)],
      };
    }
    if (paths.length > this.limits.maxFiles) {
      problems.push(
        problem(
          `${annotation} holds ${paths.length} Markdown files; only the first ${this.limits.maxFiles} are read`,
        ),
      );
      paths = paths.slice(0, this.limits.maxFiles);
    }

    const files: RunbookFile[] = [];
    let total = 0;
    for (const path of paths) {
      const full = join(realTarget, ...path.split('/'));
      try {
        const { size } = await fs.stat(full);
        if (size > this.limits.maxFileBytes) {
          problems.push(this.tooLarge(path, size));
          continue;
        }
        if (total + size > this.limits.maxTotalBytes) {
          problems.push(this.overTotal(path));
          continue;
        }
        total += size;
        files.push({ path, text: await fs.readFile(full, 'utf8') });
      } catch (error) {
        problems.push(
          problem(
            `${path} cannot be read: ${
              (error as NodeJS.ErrnoException).code ?? 'unknown error'
            }`,
            path,
          ),
        );
      }
    }
    return { files, problems };
  }

  /** Markdown files below a folder, sorted, without following symbolic links. */
  private async listLocal(root: string): Promise<string[]> {
    const found: string[] = [];
    const walk = async (relative: string, depth: number): Promise<void> => {
      const entries = await fs.readdir(join(root, ...relative.split('/')), {
        withFileTypes: true,
      });
      entries.sort((a, b) => (a.name < b.name ? -1 : 1));
      for (const entry of entries) {
        const path = relative ? `${relative}/${entry.name}` : entry.name;
        if (isIgnored(entry.name)) continue;
        if (entry.isDirectory() && depth < this.limits.maxDepth) {
          await walk(path, depth + 1);
        } else if (entry.isFile() && isMarkdown(entry.name)) {
          found.push(path);
        }
        // Enough to tell that there are more than the cap.
        if (found.length > this.limits.maxFiles) return;
      }
    };
    await walk('', 0);
    return found.sort();
  }

  /** Throws what the URL reader throws (NotModifiedError when `etag` is current). */
  private async readRemote(
    target: string,
    annotation: string,
    etag: string | undefined,
  ): Promise<RunbookFiles & { etag?: string }> {
    const { pathname } = new URL(target);
    return isMarkdown(pathname)
      ? await this.readRemoteFile(target, etag)
      : await this.readRemoteTree(target, annotation, etag);
  }

  private async readRemoteFile(
    url: string,
    etag: string | undefined,
  ): Promise<RunbookFiles & { etag?: string }> {
    const path = decodeURIComponent(posix.basename(new URL(url).pathname));
    const response = await this.urlReader.readUrl(url, { etag });
    const buffer = await readCapped(response, this.limits.maxFileBytes);
    if (!buffer) {
      return {
        files: [],
        problems: [this.tooLarge(path)],
        etag: response.etag,
      };
    }
    return {
      files: [{ path, url, text: buffer.toString('utf8') }],
      problems: [],
      etag: response.etag,
    };
  }

  private async readRemoteTree(
    url: string,
    annotation: string,
    etag: string | undefined,
  ): Promise<RunbookFiles & { etag?: string }> {
    const problems: RunbookProblem[] = [];
    let accepted = 0;
    let markdownCount = 0;
    const response = await this.urlReader.readTree(url, {
      etag,
      filter: (path, info) => {
        if (!isMarkdown(path) || isIgnored(path)) return false;
        if (path.split('/').length - 1 > this.limits.maxDepth) return false;
        markdownCount += 1;
        if (info && info.size > this.limits.maxFileBytes) {
          problems.push(this.tooLarge(path, info.size));
          return false;
        }
        if (accepted >= this.limits.maxFiles) return false;
        accepted += 1;
        return true;
      },
    });
    const entries = (await response.files()).sort((a, b) =>
      a.path < b.path ? -1 : 1,
    );
    if (markdownCount > this.limits.maxFiles) {
      problems.push(
        problem(
          `${annotation} holds ${markdownCount} Markdown files; only ${this.limits.maxFiles} are read`,
        ),
      );
    }
    if (markdownCount === 0) {
      problems.push(problem(`${annotation} holds no Markdown (.md) files`));
    }

    const folder = new URL(url);
    if (!folder.pathname.endsWith('/')) folder.pathname += '/';
    const files: RunbookFile[] = [];
    let total = 0;
    for (const entry of entries) {
      const content = await entry.content();
      if (content.length > this.limits.maxFileBytes) {
        problems.push(this.tooLarge(entry.path, content.length));
        continue;
      }
      if (total + content.length > this.limits.maxTotalBytes) {
        problems.push(this.overTotal(entry.path));
        continue;
      }
      total += content.length;
      files.push({
        path: entry.path,
        url: this.integrations.resolveUrl({
          url: `./${entry.path}`,
          base: folder.toString(),
        }),
        text: content.toString('utf8'),
      });
    }
    return { files, problems, etag: response.etag };
  }

  private tooLarge(path: string, size?: number): RunbookProblem {
    return problem(
      `${path} is ${size ? `${kib(size)}, ` : ''}larger than the ${kib(
        this.limits.maxFileBytes,
      )} a runbook file may have; it is left out`,
      path,
    );
  }

  private overTotal(path: string): RunbookProblem {
    return problem(
      `${path} is left out: the runbooks together exceed ${kib(
        this.limits.maxTotalBytes,
      )}`,
      path,
    );
  }
}
