import {
  CatalogProcessorParser,
  parseEntityYaml,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  convertPyrra,
  convertSloth,
} from '@sre-catalog/backstage-plugin-sre-common';

const readYaml: CatalogProcessorParser = async function* readYaml({
  data,
  location,
}) {
  yield* parseEntityYaml(data, location);
};

/** Which foreign SLO format a document is in, if any. */
function formatOf(doc: Record<string, unknown>): 'Sloth' | 'Pyrra' | undefined {
  if (doc.version === 'prometheus/v1' && 'slos' in doc) return 'Sloth';
  if (doc.apiVersion === 'pyrra.dev/v1alpha1') return 'Pyrra';
  return undefined;
}

/**
 * Reads catalog files like the default parser, and turns Sloth
 * (`version: prometheus/v1`) and Pyrra (`pyrra.dev/v1alpha1`) documents into OpenSLO
 * SLO entities, so an SLO file of any of the three formats can be registered as is.
 *
 * Backstage allows one entity data parser: an app with its own passes it as `base`,
 * and this one converts what that one reads.
 *
 * @public
 */
export function createSloDocumentParser(
  options: { base?: CatalogProcessorParser } = {},
): CatalogProcessorParser {
  const base = options.base ?? readYaml;
  return async function* sloDocumentParser({ data, location }) {
    for await (const result of base({ data, location })) {
      const doc =
        result.type === 'entity'
          ? (result.entity as unknown as Record<string, unknown>)
          : undefined;
      const format = doc && formatOf(doc);
      if (!doc || !format) {
        yield result;
        continue;
      }
      const converted =
        format === 'Sloth' ? convertSloth(doc) : convertPyrra(doc);
      for (const entity of converted.entities) {
        yield processingResult.entity(location, entity);
      }
      for (const p of converted.problems) {
        yield processingResult.inputError(
          location,
          `Invalid ${format} SLO document: ${p.path ? `${p.path}: ` : ''}${
            p.message
          }`,
        );
      }
    }
  };
}
