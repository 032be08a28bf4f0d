import {
  Entity,
  KubernetesValidatorFunctions,
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

/**
 * Validates a ref and normalises it to `kind:namespace/name`; returns an error
 * message when it is malformed or of a kind that cannot hold the role.
 */
export function normaliseRef(
  raw: string,
  options: { defaultKind: string; defaultNamespace: string; kinds: string[] },
): { ref?: string; error?: string } {
  try {
    const ref = parseEntityRef(raw, {
      defaultKind: options.defaultKind,
      defaultNamespace: options.defaultNamespace,
    });
    const kind = ref.kind.toLocaleLowerCase('en-US');
    if (!options.kinds.includes(kind)) {
      return {
        error: `must refer to a ${options.kinds.join(' or ')}, not a ${kind}`,
      };
    }
    if (!KubernetesValidatorFunctions.isValidObjectName(ref.name)) {
      return { error: `has an invalid entity name "${ref.name}"` };
    }
    // Lower-cased as the ref itself is below: the catalog compares refs so.
    const namespace = ref.namespace.toLocaleLowerCase('en-US');
    if (!KubernetesValidatorFunctions.isValidNamespace(namespace)) {
      return { error: `has an invalid namespace "${ref.namespace}"` };
    }
    return {
      ref: stringifyEntityRef({ ...ref, kind }).toLocaleLowerCase('en-US'),
    };
  } catch (e) {
    return { error: `is not a valid entity ref (${(e as Error).message})` };
  }
}
