import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** The config blocks under `search.collators` that this module reads. */
export type SreCollatorConfigKey = 'srePostmortems' | 'sreRunbooks';

/**
 * Every ten minutes, starting a minute after the backend starts, so that the
 * `sre` plugin is up before the first run.
 */
export const DEFAULT_SRE_COLLATOR_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { minutes: 10 },
    timeout: { minutes: 15 },
    initialDelay: { minutes: 1 },
  };

/** Reads `search.collators.<key>.schedule`, or the default schedule. */
export function readSreCollatorSchedule(
  config: Config,
  key: SreCollatorConfigKey,
): SchedulerServiceTaskScheduleDefinition {
  const path = `search.collators.${key}.schedule`;
  const scheduleConfig = config.getOptionalConfig(path);
  if (!scheduleConfig) {
    return DEFAULT_SRE_COLLATOR_SCHEDULE;
  }
  try {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig);
  } catch (error) {
    throw new InputError(`Invalid schedule at ${path}, ${error}`);
  }
}
