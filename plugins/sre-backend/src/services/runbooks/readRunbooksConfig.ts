import { Config } from '@backstage/config';
import { DEFAULT_RUNBOOK_STALE_AFTER_DAYS } from '@sre-catalog/backstage-plugin-sre-common';

/** The `sre.runbooks` configuration block. */
export type SreRunbooksConfig = {
  /** A runbook whose last review is older than this many days is stale. */
  staleAfterDays: number;
};

/** Reads `sre.runbooks`; throws at startup when a value is out of range. */
export function readRunbooksConfig(config: Config): SreRunbooksConfig {
  const staleAfterDays =
    config.getOptionalNumber('sre.runbooks.staleAfterDays') ??
    DEFAULT_RUNBOOK_STALE_AFTER_DAYS;
  if (
    !Number.isInteger(staleAfterDays) ||
    staleAfterDays < 1 ||
    staleAfterDays > 3650
  ) {
    throw new Error(
      `Invalid config sre.runbooks.staleAfterDays: ${staleAfterDays}; it must be a whole number of days from 1 to 3650`,
    );
  }
  return { staleAfterDays };
}
