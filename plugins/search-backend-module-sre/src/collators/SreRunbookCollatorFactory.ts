import {
  CATALOG_FILTER_EXISTS,
  EntityFilterQuery,
} from '@backstage/catalog-client';
import {
  Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { ResponseError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  Runbook as SreRunbook,
  SRE_RUNBOOK_DOCUMENT_TYPE,
} from '@sre-catalog/backstage-plugin-sre-common';
import { runbookLocation } from '../locations';
import { SreRunbookDocument } from '../types';
import {
  SreCollatorFactory,
  SreCollatorFactoryOptions,
} from './SreCollatorFactory';
import { humanizeEntityRef, ownerRefOf } from './entityRefs';
import { mapWithConcurrency } from './mapWithConcurrency';
import { stripMarkdown } from './stripMarkdown';

/** The annotation that points to an entity's runbook files. */
export const RUNBOOKS_ANNOTATION = 'sre-catalog.io/runbooks';

/** Requests to the `sre` backend in flight at once. */
const CONCURRENCY = 5;

/**
 * Components with runbooks: those with the runbooks annotation, or with a
 * `metadata.links` entry of type `runbook`.
 */
const ENTITIES_WITH_RUNBOOKS: EntityFilterQuery = [
  {
    kind: 'component',
    [`metadata.annotations.${RUNBOOKS_ANNOTATION}`]: CATALOG_FILTER_EXISTS,
  },
  { kind: 'component', 'metadata.links.type': 'runbook' },
];

/**
 * Options of {@link SreRunbookCollatorFactory.fromConfig}.
 *
 * @public
 */
export type SreRunbookCollatorFactoryOptions = SreCollatorFactoryOptions;

/**
 * Indexes the runbooks of the catalog's Components as `sre-runbook` documents,
 * each with its service and team. The runbook list of each Component comes
 * from the `sre` backend plugin, which merges catalog links, repository files
 * and alert runbook URLs; a Component whose runbooks cannot be read is logged
 * and skipped.
 *
 * @public
 */
export class SreRunbookCollatorFactory extends SreCollatorFactory<SreRunbookDocument> {
  readonly type = SRE_RUNBOOK_DOCUMENT_TYPE;
  readonly visibilityPermission = catalogEntityReadPermission;

  static fromConfig(
    _config: Config,
    options: SreRunbookCollatorFactoryOptions,
  ): SreRunbookCollatorFactory {
    return new SreRunbookCollatorFactory(options);
  }

  protected async *execute(): AsyncGenerator<SreRunbookDocument> {
    const stats = { entities: 0, read: 0, failed: 0, documents: 0 };
    const pages = this.catalog.streamEntities(
      {
        filter: ENTITIES_WITH_RUNBOOKS,
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'spec.owner',
        ],
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    for await (const entities of pages) {
      stats.entities += entities.length;
      const results = await mapWithConcurrency(
        entities,
        CONCURRENCY,
        async entity => {
          const documents = await this.readRunbooks(entity);
          if (documents) {
            stats.read += 1;
          } else {
            stats.failed += 1;
          }
          return documents ?? [];
        },
      );
      for (const documents of results) {
        stats.documents += documents.length;
        yield* documents;
      }
    }
    if (stats.failed > 0 && stats.read === 0) {
      // Most likely the sre plugin is down: fail the run, so that the search
      // engine keeps the previous index rather than an empty one.
      throw new Error(
        `Could not read the runbooks of any of ${stats.entities} entities from the sre backend`,
      );
    }
    const skipped =
      stats.failed > 0 ? `; skipped ${stats.failed} that failed` : '';
    this.logger.info(
      `Indexed ${stats.documents} runbooks of ${stats.read} entities${skipped}`,
    );
  }

  /** The entity's runbook documents, or `undefined` if they cannot be read. */
  private async readRunbooks(
    entity: Entity,
  ): Promise<SreRunbookDocument[] | undefined> {
    const entityRef = stringifyEntityRef(entity);
    try {
      const { runbooks } = await this.client.getRunbooks(
        getCompoundEntityRef(entity),
      );
      const owner = ownerRefOf(entity);
      return (runbooks ?? []).map(runbook =>
        this.toDocument(entity, entityRef, owner, runbook),
      );
    } catch (error) {
      if (error instanceof ResponseError && error.statusCode === 404) {
        this.logger.debug(
          `No runbooks for ${entityRef}: the sre backend answered 404`,
        );
        return [];
      }
      this.logger.warn(`Skipped the runbooks of ${entityRef}: ${error}`);
      return undefined;
    }
  }

  private toDocument(
    entity: Entity,
    entityRef: string,
    owner: string | undefined,
    runbook: SreRunbook,
  ): SreRunbookDocument {
    const alerts = runbook.alerts ?? [];
    const service = entity.metadata.title ?? humanizeEntityRef(entityRef);
    const text = [
      runbook.markdown ? stripMarkdown(runbook.markdown) : runbook.title,
      alerts.length > 0 ? `Alerts: ${alerts.join(', ')}` : undefined,
      `Service: ${service}`,
      owner ? `Team: ${humanizeEntityRef(owner)}` : undefined,
    ]
      .filter(part => part?.trim())
      .join('\n\n');

    return {
      title: runbook.title,
      text,
      location: runbookLocation(getCompoundEntityRef(entity), runbook),
      authorization: { resourceRef: entityRef },
      runbookId: runbook.id,
      entityRef,
      owner,
      source: runbook.source,
      alerts,
      stale: runbook.stale ?? false,
      lastReviewed: runbook.lastReviewed ?? undefined,
    };
  }
}
