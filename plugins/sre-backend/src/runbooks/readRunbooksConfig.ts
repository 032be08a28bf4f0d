import { Config } from '@backstage/config';
import { DEFAULT_RUNBOOK_STALE_AFTER_DAYS } from '@sre-catalog/backstage-plugin-sre-common';

/** The `sre.runbooks` configuration block. */
export type SreRunbooksConfig = {
  /** A runbook whose last review is older than this many days is stale. */
  staleAfterDays: number;
  /**
   * URL prefixes runbook files may be read from besides the entity's own source
   * repository: normalised, without a trailing `/`.
   */
  allowedLocations: string[];
};

function readAllowedLocation(raw: string, key: string): string {
  const value = raw.trim();
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(
      `Invalid config ${key}: ${
        value.includes('@') ? 'the value' : JSON.stringify(value)
      } is not a URL such as https://github.com/acme/runbooks`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(
      `Invalid config ${key}: the protocol must be http or https, not ${url.protocol}`,
    );
  }
  if (url.username || url.password) {
    throw new Error(
      `Invalid config ${key}: the URL must not hold credentials; the URL reader takes them from the integrations config`,
    );
  }
  if (url.search || url.hash) {
    throw new Error(
      `Invalid config ${key}: give a URL prefix without a query or fragment`,
    );
  }
  return url.toString().replace(/\/+$/, '');
}

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
  const allowedLocations = (
    config.getOptionalStringArray('sre.runbooks.allowedLocations') ?? []
  ).map((raw, index) =>
    readAllowedLocation(raw, `sre.runbooks.allowedLocations[${index}]`),
  );
  return { staleAfterDays, allowedLocations };
}
