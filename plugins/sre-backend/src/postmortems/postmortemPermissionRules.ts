import { PermissionsRegistryServiceAddResourceTypeOptions } from '@backstage/backend-plugin-api';
import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  POSTMORTEM_RESOURCE_TYPE,
  postmortemPermissions,
  POSTMORTEM_STATUSES,
} from '@sre-catalog/backstage-plugin-sre-common';
import { z } from 'zod/v4';
import { claimsParamSchema } from '../policy/ownershipClaims';
import {
  PostmortemPermissionQuery,
  PostmortemResource,
} from './PostmortemResource';
import { PostmortemStore } from './PostmortemStore';

export type {
  PostmortemPermissionQuery,
  PostmortemResource,
  PostmortemRestrictedEntity,
} from './PostmortemResource';

/**
 * The `sre-postmortem` permission resource, for `sre.postmortem.read`,
 * `sre.postmortem.create` and `sre.postmortem.update`.
 *
 * @public
 */
export const postmortemPermissionResourceRef = createPermissionResourceRef<
  PostmortemResource,
  PostmortemPermissionQuery
>().with({ pluginId: 'sre', resourceType: POSTMORTEM_RESOURCE_TYPE });

const lower = (values: string[]) =>
  values.map(v => v.toLocaleLowerCase('en-US'));

/**
 * A rule that allows when the claims include one of the postmortem's `property`
 * refs (recorded when it was last written); in SQL, the same test.
 */
const claimsInclude = (
  property: 'ownerRefs' | 'sreRefs',
  rule: { name: string; description: string },
) =>
  createPermissionRule({
    ...rule,
    resourceRef: postmortemPermissionResourceRef,
    paramsSchema: z.object({ claims: claimsParamSchema }),
    apply: (postmortem, params) => {
      const wanted = lower(params.claims);
      return postmortem[property].some(ref => wanted.includes(ref));
    },
    toQuery: params => ({ property, values: lower(params.claims) }),
  });

const isAffectedEntityOwner = claimsInclude('ownerRefs', {
  name: 'IS_AFFECTED_ENTITY_OWNER',
  description:
    'Allow when the claims include an owner of an entity the postmortem is about (as the catalog said when the postmortem was last written)',
});

const isRestrictedEntityOwner = createPermissionRule({
  name: 'IS_RESTRICTED_ENTITY_OWNER',
  description:
    'Allow when the claims include an owner of every affected entity that was annotated sre-catalog.io/visibility: restricted when the postmortem was last written; also when none was',
  resourceRef: postmortemPermissionResourceRef,
  paramsSchema: z.object({ claims: claimsParamSchema }),
  apply: (postmortem, params) => {
    const wanted = lower(params.claims);
    return postmortem.restrictedEntities.every(entity =>
      entity.ownerRefs.some(ref => wanted.includes(ref)),
    );
  },
  toQuery: params => ({
    property: 'restrictedEntityOwners',
    values: lower(params.claims),
  }),
});

const isAffectedEntitySre = claimsInclude('sreRefs', {
  name: 'IS_AFFECTED_ENTITY_SRE',
  description:
    'Allow when the claims include an SRE who supports an entity the postmortem is about: its embedded SREs or its central SRE group (as the ownership resolution said when the postmortem was last written)',
});

const hasRestrictedEntity = createPermissionRule({
  name: 'HAS_RESTRICTED_ENTITY',
  description:
    'Allow when an entity the postmortem is about was annotated sre-catalog.io/visibility: restricted when the postmortem was last written (use it inside `not` to keep such postmortems from others)',
  resourceRef: postmortemPermissionResourceRef,
  apply: postmortem => postmortem.restrictedEntity,
  toQuery: () => ({ property: 'restrictedEntity' as const }),
});

const hasAffectedEntity = createPermissionRule({
  name: 'HAS_AFFECTED_ENTITY',
  description: 'Allow when the postmortem is about one of the given entities',
  resourceRef: postmortemPermissionResourceRef,
  paramsSchema: z.object({
    entityRefs: z
      .array(z.string())
      .describe('Entity refs, such as component:default/checkout-api'),
  }),
  apply: (postmortem, params) => {
    const wanted = lower(params.entityRefs);
    return postmortem.entityRefs.some(ref => wanted.includes(ref));
  },
  toQuery: params => ({
    property: 'entityRefs',
    values: lower(params.entityRefs),
  }),
});

const hasStatus = createPermissionRule({
  name: 'HAS_STATUS',
  description:
    'Allow when the postmortem is in one of the given states (draft, in-review, published)',
  resourceRef: postmortemPermissionResourceRef,
  paramsSchema: z.object({
    statuses: z
      .array(z.enum(POSTMORTEM_STATUSES))
      .describe('Postmortem states'),
  }),
  apply: (postmortem, params) => params.statuses.includes(postmortem.status),
  toQuery: params => ({ property: 'status', values: [...params.statuses] }),
});

const isAuthor = createPermissionRule({
  name: 'IS_AUTHOR',
  description: 'Allow when one of the claims created the postmortem',
  resourceRef: postmortemPermissionResourceRef,
  paramsSchema: z.object({ claims: claimsParamSchema }),
  apply: (postmortem, params) =>
    lower(params.claims).includes(
      postmortem.createdBy.toLocaleLowerCase('en-US'),
    ),
  toQuery: params => ({ property: 'createdBy', values: lower(params.claims) }),
});

/**
 * Rules for conditional decisions on `sre.postmortem.read`, `sre.postmortem.create`
 * and `sre.postmortem.update`. Each also translates to SQL, so that conditional
 * read decisions filter lists in the database.
 *
 * @public
 */
export const postmortemPermissionRules = {
  isAffectedEntityOwner,
  isRestrictedEntityOwner,
  isAffectedEntitySre,
  hasRestrictedEntity,
  hasAffectedEntity,
  hasStatus,
  isAuthor,
};

const conditionExports = createConditionExports({
  resourceRef: postmortemPermissionResourceRef,
  rules: postmortemPermissionRules,
});

/**
 * Conditions for permission policies, e.g.
 * `postmortemConditions.isAffectedEntityOwner({ claims: user.info.ownershipEntityRefs })`,
 * `postmortemConditions.isAffectedEntitySre({ claims })`,
 * `postmortemConditions.isRestrictedEntityOwner({ claims })` or
 * `postmortemConditions.hasRestrictedEntity()`.
 *
 * @public
 */
export const postmortemConditions = conditionExports.conditions;

/**
 * Builds a conditional decision on a postmortem permission for a permission policy.
 *
 * @public
 */
export const createPostmortemConditionalDecision =
  conditionExports.createConditionalDecision;

/**
 * What the plugin registers with `permissionsRegistry.addResourceType`: the resource,
 * its permissions and rules, and how the permission backend loads postmortems by id
 * (PostmortemPermissionResources also answers entity refs with a draft).
 */
export function postmortemPermissionResourceType(
  resources: Pick<PostmortemStore, 'getMany'>,
): PermissionsRegistryServiceAddResourceTypeOptions<
  typeof POSTMORTEM_RESOURCE_TYPE,
  PostmortemResource,
  PostmortemPermissionQuery
> {
  return {
    resourceRef: postmortemPermissionResourceRef,
    permissions: postmortemPermissions,
    rules: Object.values(postmortemPermissionRules),
    getResources: ids => resources.getMany(ids),
  };
}
