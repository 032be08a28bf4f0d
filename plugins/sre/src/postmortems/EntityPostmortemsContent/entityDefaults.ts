import {
  Entity,
  RELATION_OWNED_BY,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { getEntityRelations } from '@backstage/plugin-catalog-react';
import { PostmortemFormDefaults } from '../PostmortemForm/postmortemFormState';

/** The owner of an entity as a full ref, from its relations or `spec.owner`. */
export function ownerRefOf(entity: Entity): string | undefined {
  const [owner] = getEntityRelations(entity, RELATION_OWNED_BY);
  if (owner) return stringifyEntityRef(owner);
  const specOwner = entity.spec?.owner;
  if (typeof specOwner !== 'string' || !specOwner) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(specOwner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/** A new postmortem about the entity: it is affected; its owner owns the action items. */
export function postmortemDefaultsOf(entity: Entity): PostmortemFormDefaults {
  return {
    entityRefs: [stringifyEntityRef(entity)],
    owner: ownerRefOf(entity),
  };
}
