import { resolvePackagePath } from '@backstage/backend-plugin-api';

/** The plugin's migrations: plain JS files that knex runs in name order. */
export const MIGRATIONS_DIRECTORY = resolvePackagePath(
  '@sre-catalog/backstage-plugin-sre-backend',
  'migrations',
);
