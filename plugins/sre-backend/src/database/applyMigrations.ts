import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const MIGRATIONS = resolvePackagePath(
  '@sre-catalog/backstage-plugin-sre-backend',
  'migrations',
);

/**
 * Returns the plugin's database client, migrated to the latest schema unless the
 * adopter manages migrations (`database.migrations.skip`).
 */
export async function applyMigrations(
  database: DatabaseService,
): Promise<Knex> {
  const client = await database.getClient();
  if (!database.migrations?.skip) {
    await client.migrate.latest({ directory: MIGRATIONS });
  }
  return client;
}
