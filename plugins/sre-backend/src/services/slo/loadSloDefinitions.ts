import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  SloDefinition,
  validateOpenSloSlo,
} from '@sre-catalog/backstage-plugin-sre-common';

/**
 * The valid definitions of the given SLO refs, read in two catalog batches (the SLOs,
 * then the SLIs they refer to). Unknown and invalid SLOs are left out.
 */
export async function loadSloDefinitions(
  catalog: CatalogService,
  sloRefs: string[],
  credentials: BackstageCredentials,
): Promise<Map<string, SloDefinition>> {
  const result = new Map<string, SloDefinition>();
  if (!sloRefs.length) return result;
  const { items: slos } = await catalog.getEntitiesByRefs(
    { entityRefs: sloRefs },
    { credentials },
  );
  const sliRefs = new Set<string>();
  for (const slo of slos) {
    const indicatorRef = slo?.spec?.indicatorRef;
    if (slo && typeof indicatorRef === 'string') {
      sliRefs.add(`sli:${slo.metadata.namespace ?? 'default'}/${indicatorRef}`);
    }
  }
  const slis = new Map<string, Entity>();
  if (sliRefs.size) {
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: [...sliRefs] },
      { credentials },
    );
    items.forEach(sli => {
      if (sli) {
        const ref = `${sli.metadata.namespace ?? 'default'}/${
          sli.metadata.name
        }`;
        slis.set(ref.toLocaleLowerCase('en-US'), sli);
      }
    });
  }
  slos.forEach((slo, i) => {
    if (!slo) return;
    const namespace = slo.metadata.namespace ?? 'default';
    const indicatorRef = slo.spec?.indicatorRef;
    const sli =
      typeof indicatorRef === 'string'
        ? slis.get(`${namespace}/${indicatorRef}`.toLocaleLowerCase('en-US'))
        : undefined;
    const { definition } = validateOpenSloSlo(slo, {
      namespace,
      slis:
        sli && typeof indicatorRef === 'string' ? { [indicatorRef]: sli } : {},
    });
    if (definition) result.set(sloRefs[i], definition);
  });
  return result;
}
