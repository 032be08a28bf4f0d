import { isChildPath } from '@backstage/backend-plugin-api';
import { RunbookProblem } from '@sre-catalog/backstage-plugin-sre-common';
import { promises as fs } from 'node:fs';
import { basename, join } from 'node:path';
import {
  fileProblem,
  isIgnored,
  isMarkdown,
  RunbookFile,
  RunbookFiles,
} from './runbookFiles';
import { RunbookReadLimits, RunbookSizeBudget } from './runbookReadLimits';

const none = (message: string): RunbookFiles => ({
  files: [],
  problems: [fileProblem(message)],
});

const codeOf = (error: unknown) =>
  (error as NodeJS.ErrnoException).code ?? 'unknown error';

/**
 * The Markdown files of a folder (recursively) or a single `.md` file on the
 * backend's file system, inside `base` (the catalog file's folder) even through
 * symbolic links.
 */
export async function readLocalRunbooks(
  target: string,
  base: string,
  annotation: string,
  limits: RunbookReadLimits,
): Promise<RunbookFiles> {
  const problems: RunbookProblem[] = [];
  let realTarget: string;
  let stat: Awaited<ReturnType<typeof fs.stat>>;
  try {
    realTarget = await fs.realpath(target);
    stat = await fs.stat(realTarget);
  } catch (error) {
    return none(
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? `${annotation} names a folder that does not exist`
        : `${annotation} cannot be read: ${codeOf(error)}`,
    );
  }
  // resolveSafeChildPath compares paths as written; a symbolic link could still
  // lead out of the catalog file's folder.
  const realBase = await fs.realpath(base).catch(() => base);
  if (!isChildPath(realBase, realTarget)) {
    return none(
      `${annotation} leads outside the folder of the entity's catalog file`,
    );
  }

  let paths: string[];
  if (stat.isFile()) {
    if (!isMarkdown(realTarget)) {
      return none(`${annotation} is neither a folder nor a Markdown file`);
    }
    paths = [basename(realTarget)];
    realTarget = join(realTarget, '..');
  } else {
    paths = await listMarkdown(realTarget, limits);
  }
  if (paths.length === 0) {
    return none(`${annotation} holds no Markdown (.md) files`);
  }
  if (paths.length > limits.maxFiles) {
    problems.push(
      fileProblem(
        `${annotation} holds ${paths.length} Markdown files; only the first ${limits.maxFiles} are read`,
      ),
    );
    paths = paths.slice(0, limits.maxFiles);
  }

  const files: RunbookFile[] = [];
  const budget = new RunbookSizeBudget(limits);
  for (const path of paths) {
    const full = join(realTarget, ...path.split('/'));
    try {
      const { size } = await fs.stat(full);
      const refused = budget.admit(path, size);
      if (refused) {
        problems.push(refused);
        continue;
      }
      files.push({ path, text: await fs.readFile(full, 'utf8') });
    } catch (error) {
      problems.push(
        fileProblem(`${path} cannot be read: ${codeOf(error)}`, path),
      );
    }
  }
  return { files, problems };
}

/** Markdown files below a folder, sorted, without following symbolic links. */
async function listMarkdown(
  root: string,
  limits: RunbookReadLimits,
): Promise<string[]> {
  const found: string[] = [];
  const walk = async (relative: string, depth: number): Promise<void> => {
    const entries = await fs.readdir(join(root, ...relative.split('/')), {
      withFileTypes: true,
    });
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (isIgnored(entry.name)) continue;
      if (entry.isDirectory() && depth < limits.maxDepth) {
        await walk(path, depth + 1);
      } else if (entry.isFile() && isMarkdown(entry.name)) {
        found.push(path);
      }
      // Enough to tell that there are more than the cap.
      if (found.length > limits.maxFiles) return;
    }
  };
  await walk('', 0);
  return found.sort();
}
