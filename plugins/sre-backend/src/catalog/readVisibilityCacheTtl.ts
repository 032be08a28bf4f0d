import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { DEFAULT_VISIBILITY_CACHE_TTL_MS } from './CatalogVisibility';

const KEY = 'sre.visibility.cacheTtl';

/**
 * `sre.visibility.cacheTtl`: how long the lists reuse a caller's catalog visibility
 * (the longest an entity newly hidden from a user can stay in their lists); 0
 * turns the cache off. Default 10 s.
 */
export function readVisibilityCacheTtlMs(config: Config): number {
  if (!config.has(KEY)) return DEFAULT_VISIBILITY_CACHE_TTL_MS;
  let ms: number;
  try {
    ms =
      config.get(KEY) === 0
        ? 0
        : durationToMilliseconds(readDurationFromConfig(config, { key: KEY }));
  } catch (error) {
    throw new Error(
      `Invalid config ${KEY}: ${
        (error as Error).message
      }; use a duration such as 10s or { seconds: 10 }, or 0 to turn the cache off`,
    );
  }
  if (!(ms >= 0) || ms > 3_600_000) {
    throw new Error(`Invalid config ${KEY}: must be from 0 to 1 hour`);
  }
  return ms;
}
