import {
  CacheService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { RunbookProblem } from '@sre-catalog/backstage-plugin-sre-common';
import { readLocalRunbooks } from './readLocalRunbooks';
import { RemoteRunbookSource, readRemoteRunbooks } from './readRemoteRunbooks';
import { fileProblem, RunbookFile, RunbookFiles } from './runbookFiles';
import {
  DEFAULT_RUNBOOK_READ_LIMITS,
  RunbookReadLimits,
} from './runbookReadLimits';
import { RunbooksLocation } from './resolveRunbooksLocation';

export type { RunbookFile, RunbookFiles } from './runbookFiles';
export type { RunbookReadLimits } from './runbookReadLimits';
export { DEFAULT_RUNBOOK_READ_LIMITS } from './runbookReadLimits';

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
    private readonly source: RemoteRunbookSource,
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
      {
        urlReader: options.urlReader,
        integrations: options.integrations,
        limits: { ...DEFAULT_RUNBOOK_READ_LIMITS, ...options.limits },
      },
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
      return readLocalRunbooks(
        location.target,
        location.base,
        annotation,
        this.source.limits,
      );
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
      const read = await readRemoteRunbooks(
        this.source,
        target,
        annotation,
        etag,
      );
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
    return fileProblem(
      cached?.hasCopy && cached.readAt
        ? `${message}; showing the copy read at ${cached.readAt}`
        : message,
    );
  }
}
