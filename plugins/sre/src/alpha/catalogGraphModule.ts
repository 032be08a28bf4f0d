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
  RELATION_CONSUMES_OFFERING,
  RELATION_HAS_SLO,
  RELATION_IMPLEMENTS_OFFERING,
  RELATION_MEASURES_OFFERING,
  RELATION_OFFERING_CONSUMED_BY,
  RELATION_OFFERING_IMPLEMENTED_BY,
  RELATION_OFFERING_MEASURED_BY,
  RELATION_OFFERING_PROVIDED_BY,
  RELATION_PROVIDES_OFFERING,
  RELATION_SLO_OF,
  RELATION_SRE_SUPPORTED_BY,
  RELATION_SRE_SUPPORTS,
} from '@sre-catalog/backstage-plugin-sre-common';

/** The offerings' relations, each with its reverse (docs/offerings.md). */
const SRE_OFFERING_RELATION_PAIRS: [string, string][] = [
  [RELATION_CONSUMES_OFFERING, RELATION_OFFERING_CONSUMED_BY],
  [RELATION_PROVIDES_OFFERING, RELATION_OFFERING_PROVIDED_BY],
  [RELATION_IMPLEMENTS_OFFERING, RELATION_OFFERING_IMPLEMENTED_BY],
  [RELATION_MEASURES_OFFERING, RELATION_OFFERING_MEASURED_BY],
];

/**
 * Teaches the catalog graph the SRE Catalog's relations, so the graph of a service
 * shows who supports it as SREs, which SLOs measure it and which platform offerings
 * it uses (the graph only draws the relation types it knows). Install it next to the plugin:
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
                ...SRE_OFFERING_RELATION_PAIRS.flat(),
              ],
              knownRelationPairs: [
                ...ALL_RELATION_PAIRS,
                [RELATION_SRE_SUPPORTED_BY, RELATION_SRE_SUPPORTS],
                [RELATION_SLO_OF, RELATION_HAS_SLO],
                ...SRE_OFFERING_RELATION_PAIRS,
              ],
              defaultRelationTypes: { exclude: [] },
            }),
        }),
    }),
  ],
});
