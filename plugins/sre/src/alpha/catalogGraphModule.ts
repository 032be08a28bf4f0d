import {
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import {
  ALL_RELATIONS,
  ALL_RELATION_PAIRS,
  DefaultCatalogGraphApi,
  catalogGraphApiRef,
} from '@backstage/plugin-catalog-graph';
import {
  RELATION_HAS_SLO,
  RELATION_SLO_OF,
  RELATION_SRE_SUPPORTED_BY,
  RELATION_SRE_SUPPORTS,
} from '@sre-catalog/backstage-plugin-sre-common';

/**
 * Teaches the catalog graph the SRE Catalog's relations, so the graph of a service
 * shows who supports it as SREs and which SLOs measure it (the graph only draws the
 * relation types it knows). Install it next to the plugin:
 * `features: [srePlugin, sreCatalogGraphModule]`.
 *
 * @alpha
 */
export const sreCatalogGraphModule = createFrontendModule({
  pluginId: 'catalog-graph',
  extensions: [
    ApiBlueprint.make({
      params: defineParams =>
        defineParams({
          api: catalogGraphApiRef,
          deps: {},
          factory: () =>
            new DefaultCatalogGraphApi({
              knownRelations: [
                ...ALL_RELATIONS,
                RELATION_SRE_SUPPORTED_BY,
                RELATION_SRE_SUPPORTS,
                RELATION_SLO_OF,
                RELATION_HAS_SLO,
              ],
              knownRelationPairs: [
                ...ALL_RELATION_PAIRS,
                [RELATION_SRE_SUPPORTED_BY, RELATION_SRE_SUPPORTS],
                [RELATION_SLO_OF, RELATION_HAS_SLO],
              ],
              defaultRelationTypes: { exclude: [] },
            }),
        }),
    }),
  ],
});
