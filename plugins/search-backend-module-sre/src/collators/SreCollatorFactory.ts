import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DocumentCollatorFactory,
  IndexableDocument,
} from '@backstage/plugin-search-common';
import { SreApiClient } from '@sre-catalog/backstage-plugin-sre-common';
import { Readable } from 'node:stream';
import { createSreClient } from '../client/createSreClient';

/**
 * What the SRE collators need: the `sre` backend (called with the search plugin's
 * own service credentials), the catalog and a logger.
 *
 * @public
 */
export interface SreCollatorFactoryOptions {
  auth: AuthService;
  discovery: DiscoveryService;
  catalog: CatalogService;
  logger: LoggerService;
}

/**
 * The part the SRE collators share: the client of the `sre` backend and a stream
 * of the documents that `execute` yields.
 *
 * @public
 */
export abstract class SreCollatorFactory<TDocument extends IndexableDocument>
  implements DocumentCollatorFactory
{
  abstract readonly type: string;
  abstract readonly visibilityPermission: NonNullable<
    DocumentCollatorFactory['visibilityPermission']
  >;

  protected readonly client: SreApiClient;
  protected readonly auth: AuthService;
  protected readonly catalog: CatalogService;
  protected readonly logger: LoggerService;

  protected constructor(options: SreCollatorFactoryOptions) {
    this.client = createSreClient(options);
    this.auth = options.auth;
    this.catalog = options.catalog;
    this.logger = options.logger;
  }

  async getCollator(): Promise<Readable> {
    return Readable.from(this.execute());
  }

  /** The documents of one indexing run; throws to keep the previous index. */
  protected abstract execute(): AsyncGenerator<TDocument>;
}
