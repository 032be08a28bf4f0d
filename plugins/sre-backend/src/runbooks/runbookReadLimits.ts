import { RunbookProblem } from '@sre-catalog/backstage-plugin-sre-common';
import { fileProblem } from './runbookFiles';

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

const kib = (bytes: number) => `${Math.round(bytes / 1024)} KiB`;

/** The problem of a file over `maxFileBytes`; `size` when it is known. */
export function tooLarge(
  limits: RunbookReadLimits,
  path: string,
  size?: number,
): RunbookProblem {
  return fileProblem(
    `${path} is ${size ? `${kib(size)}, ` : ''}larger than the ${kib(
      limits.maxFileBytes,
    )} a runbook file may have; it is left out`,
    path,
  );
}

/**
 * The bytes one location's files may take, spent file by file in the order they
 * are read: local and remote reads leave out the same files.
 */
export class RunbookSizeBudget {
  private total = 0;

  constructor(private readonly limits: RunbookReadLimits) {}

  /** Undefined when a file of `size` bytes may be read (and counts it), else why not. */
  admit(path: string, size: number): RunbookProblem | undefined {
    if (size > this.limits.maxFileBytes) {
      return tooLarge(this.limits, path, size);
    }
    if (this.total + size > this.limits.maxTotalBytes) {
      return fileProblem(
        `${path} is left out: the runbooks together exceed ${kib(
          this.limits.maxTotalBytes,
        )}`,
        path,
      );
    }
    this.total += size;
    return undefined;
  }
}
