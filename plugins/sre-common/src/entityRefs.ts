import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/**
 * The normalised (`kind:namespace/name`, lower case) ref that a field of an entity
 * names, such as `spec.owner` or `spec.system`, resolved against the entity's own
 * namespace; undefined when the field is empty or not a ref.
 *
 * @public
 */
export function entityRefIn(
  entity: Entity,
  field: unknown,
  defaultKind: string,
): string | undefined {
  if (typeof field !== 'string' || !field) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(field, {
        defaultKind,
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}
