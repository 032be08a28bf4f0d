import {
  CacheService,
  isChildPath,
  LoggerService,
  UrlReaderService,
  UrlReaderServiceReadUrlResponse,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
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

const DEFAULT_CACHE_TTL_MS = 5 * 60_000;

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
 * problem. What the URL reader returns is cached for a few minutes, so that entity
 * pages do not download a repository archive on every visit.
 */
export class RunbookFileReader {
  private constructor(
    private readonly urlReader: UrlReaderService,
    private readonly integrations: Pick<ScmIntegrationRegistry, 'resolveUrl'>,
    private readonly limits: RunbookReadLimits,
    private readonly cache: CacheService | undefined,
    private readonly cacheTtlMs: number,
    private readonly logger: LoggerService | undefined,
  ) {}

  static create(options: {
    urlReader: UrlReaderService;
    integrations: Pick<ScmIntegrationRegistry, 'resolveUrl'>;
    limits?: Partial<RunbookReadLimits>;
    cache?: CacheService;
    cacheTtlMs?: number;
    logger?: LoggerService;
  }): RunbookFileReader {
    return new RunbookFileReader(
      options.urlReader,
      options.integrations,
      { ...DEFAULT_RUNBOOK_READ_LIMITS, ...options.limits },
      options.cache,
      options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS,
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
    const key = `runbooks:v1:${target}:${annotation}`;
    // A cache that is down must not take the runbooks with it.
    const cached = (await this.cache?.get(key).catch(() => undefined)) as
      | RunbookFiles
      | undefined;
    if (cached) return cached;
    const result = await this.readRemote(target, annotation);
    // Failures are not cached: the next visit tries again.
    const value: RunbookFiles = {
      files: result.files,
      problems: result.problems,
    };
    if (this.cache && !result.failed) {
      await this.cache
        .set(key, value, { ttl: this.cacheTtlMs })
        .catch(error =>
          this.logger?.warn(`Could not cache runbooks of ${target}: ${error}`),
        );
    }
    return value;
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

  private async readRemote(
    target: string,
    annotation: string,
  ): Promise<RunbookFiles & { failed?: boolean }> {
    try {
      const { pathname } = new URL(target);
      return isMarkdown(pathname)
        ? await this.readRemoteFile(target)
        : await this.readRemoteTree(target, annotation);
    } catch (error) {
      const notFound =
        error instanceof NotFoundError ||
        (error as Error)?.name === 'NotFoundError';
      if (!notFound) {
        this.logger?.warn(`Could not read runbooks from ${target}: ${error}`);
      }
      return {
        failed: true,
        files: [],
        problems: [
          problem(
            notFound
              ? `${annotation} was not found (${target})`
              : `${annotation} cannot be read (${target}): ${
                  (error as Error)?.message ?? error
                }`,
          ),
        ],
      };
    }
  }

  private async readRemoteFile(url: string): Promise<RunbookFiles> {
    const path = decodeURIComponent(posix.basename(new URL(url).pathname));
    const buffer = await readCapped(
      await this.urlReader.readUrl(url),
      this.limits.maxFileBytes,
    );
    if (!buffer) {
      return { files: [], problems: [this.tooLarge(path)] };
    }
    return {
      files: [{ path, url, text: buffer.toString('utf8') }],
      problems: [],
    };
  }

  private async readRemoteTree(
    url: string,
    annotation: string,
  ): Promise<RunbookFiles> {
    const problems: RunbookProblem[] = [];
    let accepted = 0;
    let markdownCount = 0;
    const response = await this.urlReader.readTree(url, {
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
    return { files, problems };
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
