import {
  PermissionCondition,
  PermissionCriteria,
} from '@backstage/plugin-permission-common';
import {
  ANNOTATION_RESTRICTED_TO,
  ANNOTATION_VISIBILITY,
  VISIBILITY_RESTRICTED,
} from '@sre-catalog/backstage-plugin-sre-common';

/**
 * The permission resource type of catalog entities (`RESOURCE_TYPE_CATALOG_ENTITY`
 * of `@backstage/plugin-catalog-common`), written out so that policy helpers need
 * no dependency on the catalog backend.
 *
 * @public
 */
export const CATALOG_ENTITY_RESOURCE_TYPE = 'catalog-entity';

/** @public A condition on catalog entities, evaluated by the catalog's own rules. */
export type CatalogEntityCondition = PermissionCondition<
  typeof CATALOG_ENTITY_RESOURCE_TYPE
>;

/**
 * The two catalog permission rules the SRE policy helpers use, as plain conditions:
 * the same objects `catalogConditions.hasAnnotation` and
 * `catalogConditions.isEntityOwner` of `@backstage/plugin-catalog-backend/alpha`
 * build (rules `HAS_ANNOTATION` and `IS_ENTITY_OWNER`).
 *
 * @public
 */
export const catalogEntityConditions = {
  hasAnnotation(params: {
    annotation: string;
    value?: string;
  }): CatalogEntityCondition {
    return {
      rule: 'HAS_ANNOTATION',
      resourceType: CATALOG_ENTITY_RESOURCE_TYPE,
      params:
        params.value === undefined
          ? { annotation: params.annotation }
          : { annotation: params.annotation, value: params.value },
    };
  },
  isEntityOwner(params: { claims: string[] }): CatalogEntityCondition {
    return {
      rule: 'IS_ENTITY_OWNER',
      resourceType: CATALOG_ENTITY_RESOURCE_TYPE,
      params: { claims: params.claims },
    };
  },
};

/**
 * Who may read an entity: everyone, unless it is annotated
 * `sre-catalog.io/visibility: restricted`; then only the holders of `claims` (a
 * user's ownership entity refs) that own it, or that it is restricted to with
 * `sre-catalog.io/restricted-to`.
 *
 * @public
 */
export function restrictedEntityConditions(
  claims: string[],
): PermissionCriteria<CatalogEntityCondition> {
  const unrestricted = {
    not: catalogEntityConditions.hasAnnotation({
      annotation: ANNOTATION_VISIBILITY,
      value: VISIBILITY_RESTRICTED,
    }),
  };
  if (!claims.length) return unrestricted;
  return {
    anyOf: [
      unrestricted,
      catalogEntityConditions.isEntityOwner({ claims }),
      // One condition per claim: a user has a handful, and each is one indexed match.
      ...claims.map(claim =>
        catalogEntityConditions.hasAnnotation({
          annotation: ANNOTATION_RESTRICTED_TO,
          value: claim,
        }),
      ),
    ],
  };
}
