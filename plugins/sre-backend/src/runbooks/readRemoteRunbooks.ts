import {
  UrlReaderService,
  UrlReaderServiceReadUrlResponse,
} from '@backstage/backend-plugin-api';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { RunbookProblem } from '@sre-catalog/backstage-plugin-sre-common';
import { posix } from 'node:path';
import {
  fileProblem,
  isIgnored,
  isMarkdown,
  RunbookFile,
  RunbookFiles,
} from './runbookFiles';
import {
  RunbookReadLimits,
  RunbookSizeBudget,
  tooLarge,
} from './runbookReadLimits';

/** What a remote read needs: the URL reader, and the integrations for file links. */
export type RemoteRunbookSource = {
  urlReader: UrlReaderService;
  integrations: Pick<ScmIntegrationRegistry, 'resolveUrl'>;
  limits: RunbookReadLimits;
};

export type RemoteRunbookFiles = RunbookFiles & { etag?: string };

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

/**
 * The Markdown files of a folder or a single `.md` file through the URL reader.
 * Throws what the URL reader throws (NotModifiedError when `etag` is current).
 */
export async function readRemoteRunbooks(
  source: RemoteRunbookSource,
  target: string,
  annotation: string,
  etag: string | undefined,
): Promise<RemoteRunbookFiles> {
  const { pathname } = new URL(target);
  return isMarkdown(pathname)
    ? await readRemoteFile(source, target, etag)
    : await readRemoteTree(source, target, annotation, etag);
}

async function readRemoteFile(
  { urlReader, limits }: RemoteRunbookSource,
  url: string,
  etag: string | undefined,
): Promise<RemoteRunbookFiles> {
  const path = decodeURIComponent(posix.basename(new URL(url).pathname));
  const response = await urlReader.readUrl(url, { etag });
  const buffer = await readCapped(response, limits.maxFileBytes);
  if (!buffer) {
    return {
      files: [],
      problems: [tooLarge(limits, path)],
      etag: response.etag,
    };
  }
  return {
    files: [{ path, url, text: buffer.toString('utf8') }],
    problems: [],
    etag: response.etag,
  };
}

async function readRemoteTree(
  { urlReader, integrations, limits }: RemoteRunbookSource,
  url: string,
  annotation: string,
  etag: string | undefined,
): Promise<RemoteRunbookFiles> {
  const problems: RunbookProblem[] = [];
  let accepted = 0;
  let markdownCount = 0;
  const response = await urlReader.readTree(url, {
    etag,
    // Leaves files out of the download where the reader knows their size.
    filter: (path, info) => {
      if (!isMarkdown(path) || isIgnored(path)) return false;
      if (path.split('/').length - 1 > limits.maxDepth) return false;
      markdownCount += 1;
      if (info && info.size > limits.maxFileBytes) {
        problems.push(tooLarge(limits, path, info.size));
        return false;
      }
      if (accepted >= limits.maxFiles) return false;
      accepted += 1;
      return true;
    },
  });
  const entries = (await response.files()).sort((a, b) =>
    a.path < b.path ? -1 : 1,
  );
  if (markdownCount > limits.maxFiles) {
    problems.push(
      fileProblem(
        `${annotation} holds ${markdownCount} Markdown files; only ${limits.maxFiles} are read`,
      ),
    );
  }
  if (markdownCount === 0) {
    problems.push(fileProblem(`${annotation} holds no Markdown (.md) files`));
  }

  const folder = new URL(url);
  if (!folder.pathname.endsWith('/')) folder.pathname += '/';
  const files: RunbookFile[] = [];
  const budget = new RunbookSizeBudget(limits);
  for (const entry of entries) {
    const content = await entry.content();
    const refused = budget.admit(entry.path, content.length);
    if (refused) {
      problems.push(refused);
      continue;
    }
    files.push({
      path: entry.path,
      url: integrations.resolveUrl({
        url: `./${entry.path}`,
        base: folder.toString(),
      }),
      text: content.toString('utf8'),
    });
  }
  return { files, problems, etag: response.etag };
}
