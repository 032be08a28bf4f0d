import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { TestPipeline } from '@backstage/plugin-search-backend-node';
import { DocumentCollatorFactory } from '@backstage/plugin-search-common';

/**
 * A collator's options as the search module gives them (the search plugin's own
 * service credentials), with a catalog holding `entities`.
 */
export function collatorOptions(entities: Entity[] = []) {
  return {
    auth: mockServices.auth({ pluginId: 'search' }),
    discovery: mockServices.discovery(),
    catalog: catalogServiceMock({ entities }),
    logger: mockServices.logger.mock(),
  };
}

/** One indexing run of a collator, as the search engine does it. */
export async function collateDocuments<TDocument>(
  factory: DocumentCollatorFactory,
): Promise<{ documents: TDocument[]; error: unknown }> {
  const { documents, error } = await TestPipeline.fromCollator(
    await factory.getCollator(),
  ).execute();
  return { documents: documents as TDocument[], error };
}
