import {
  DEFAULT_NAMESPACE,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/** A full `kind:namespace/name` ref, or `undefined` for a malformed one. */
export function normalizeEntityRef(ref: string): string | undefined {
  try {
    return stringifyEntityRef(parseEntityRef(ref));
  } catch {
    return undefined;
  }
}

/**
 * The entity's `spec.owner` as a full ref (a bare name is a Group in the
 * entity's namespace), or `undefined` when it has none.
 */
export function ownerRefOf(entity: Entity | undefined): string | undefined {
  const owner = entity?.spec?.owner;
  if (typeof owner !== 'string' || !owner) {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity?.metadata.namespace ?? DEFAULT_NAMESPACE,
      }),
    );
  } catch {
    return undefined;
  }
}

/** `name` for refs in the default namespace, else `namespace/name`. */
export function humanizeEntityRef(ref: string): string {
  const { namespace, name } = parseEntityRef(ref);
  return namespace === DEFAULT_NAMESPACE ? name : `${namespace}/${name}`;
}
