import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  SloDefinition,
  validateOpenSloSlo,
} from '@sre-catalog/backstage-plugin-sre-common';

/**
 * SLO definitions from the catalog in two calls for any number of SLOs (the SLO
 * entities, then the SLIs they refer to): per ref, a definition, undefined for an
 * SLO the catalog does not hold, or an InputError saying why it is invalid.
 */
export async function loadSloDefinitions(
  catalog: CatalogService,
  sloRefs: string[],
  credentials: BackstageCredentials,
): Promise<Map<string, SloDefinition | InputError | undefined>> {
  const result = new Map<string, SloDefinition | InputError | undefined>();
  const refs = [...new Set(sloRefs)];
  if (!refs.length) return result;
  const { items } = await catalog.getEntitiesByRefs(
    { entityRefs: refs },
    { credentials },
  );
  const sliRefOf = (entity: Entity) => {
    const indicatorRef = entity.spec?.indicatorRef;
    return typeof indicatorRef === 'string'
      ? stringifyEntityRef({
          kind: 'SLI',
          namespace: entity.metadata.namespace ?? 'default',
          name: indicatorRef,
        }).toLocaleLowerCase('en-US')
      : undefined;
  };
  const sliRefs = [
    ...new Set(
      items.flatMap(e => {
        const ref = e && sliRefOf(e);
        return ref ? [ref] : [];
      }),
    ),
  ];
  const slis = new Map<string, Entity>();
  if (sliRefs.length) {
    const found = await catalog.getEntitiesByRefs(
      { entityRefs: sliRefs },
      { credentials },
    );
    found.items.forEach((e, i) => {
      if (e) slis.set(sliRefs[i], e);
    });
  }
  refs.forEach((sloRef, i) => {
    const entity = items[i];
    if (!entity) {
      result.set(sloRef, undefined);
      return;
    }
    const namespace = entity.metadata.namespace ?? 'default';
    const sliRef = sliRefOf(entity);
    const sli = sliRef ? slis.get(sliRef) : undefined;
    const { definition, problems } = validateOpenSloSlo(entity, {
      namespace,
      slis: sli ? { [String(entity.spec?.indicatorRef)]: sli } : {},
    });
    result.set(
      sloRef,
      definition ??
        new InputError(
          `SLO ${sloRef} is invalid: ${problems
            .map(p => `${p.path}: ${p.message}`)
            .join('; ')}`,
        ),
    );
  });
  return result;
}
