import { RunbookProblem } from '@sre-catalog/backstage-plugin-sre-common';

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

export const isMarkdown = (path: string) => /\.(?:md|markdown)$/i.test(path);

/** Dot folders and files (`.git`, `.github`) and dependencies are never runbooks. */
export const isIgnored = (path: string) =>
  path
    .split('/')
    .some(segment => segment.startsWith('.') || segment === 'node_modules');

/** Problems name the annotation's value, never the backend's own paths. */
export function fileProblem(
  message: string,
  location?: string,
): RunbookProblem {
  return { source: 'file', ...(location ? { location } : {}), message };
}
