import { DatabaseService, LoggerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { DatabasePostmortemStore } from '../postmortems/DatabasePostmortemStore';
import { DatabaseSloIncidentStore } from '../slos/evaluation/DatabaseSloIncidentStore';
import {
  DatabaseSliStore,
  DatabaseSliStoreOptions,
} from '../slos/store/DatabaseSliStore';
import { DatabaseSloStatusStore } from '../slos/status/DatabaseSloStatusStore';
import { MIGRATIONS_DIRECTORY } from './migrationsDirectory';

/** Options of {@link SreDatabase.create}. */
export type SreDatabaseOptions = {
  database: DatabaseService;
  /** Where the SLI store reports the pushes it dead-letters. */
  logger?: LoggerService;
};

/**
 * The plugin's database: migrated once, when created (unless the adopter manages
 * migrations, `database.migrations.skip`), then the source of every store on it.
 */
export class SreDatabase {
  private constructor(
    private readonly client: Knex,
    private readonly logger: LoggerService | undefined,
  ) {}

  static async create(options: SreDatabaseOptions): Promise<SreDatabase> {
    const { database, logger } = options;
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
    }
    return new SreDatabase(client, logger);
  }

  /**
   * The SLI rollups and the queue of pushes. Each call gives a store of its own;
   * a plugin wants one, as its applications run one after another.
   */
  sliStore(
    options: Omit<DatabaseSliStoreOptions, 'client' | 'logger'> = {},
  ): DatabaseSliStore {
    return DatabaseSliStore.create({
      client: this.client,
      logger: this.logger,
      ...options,
    });
  }

  statusStore(): DatabaseSloStatusStore {
    return DatabaseSloStatusStore.create({ client: this.client });
  }

  incidentStore(): DatabaseSloIncidentStore {
    return DatabaseSloIncidentStore.create({ client: this.client });
  }

  postmortemStore(): DatabasePostmortemStore {
    return DatabasePostmortemStore.create({ client: this.client });
  }
}
