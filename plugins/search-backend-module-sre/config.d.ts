import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /**
       * The collator of published SRE Catalog postmortems (document type
       * `sre-postmortem`).
       */
      srePostmortems?: {
        /**
         * How often to index the postmortems. Defaults to every 10 minutes,
         * first run 1 minute after start, 15 minute timeout.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
      /**
       * The collator of SRE Catalog runbooks (document type `sre-runbook`).
       */
      sreRunbooks?: {
        /**
         * How often to index the runbooks. Defaults to every 10 minutes,
         * first run 1 minute after start, 15 minute timeout.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
