import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { SreDatabase } from '../../database/SreDatabase';
import { DatabaseSliStore } from '../store/DatabaseSliStore';

/** The plugin's SLI store on a test database (its migrations run first). */
export async function sliStoreOn(knex: Knex): Promise<DatabaseSliStore> {
  return (
    await SreDatabase.create({ database: mockServices.database({ knex }) })
  ).sliStore();
}
