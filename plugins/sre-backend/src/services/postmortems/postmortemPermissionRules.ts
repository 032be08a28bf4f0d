import { PermissionsRegistryServiceAddResourceTypeOptions } from '@backstage/backend-plugin-api';
import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  POSTMORTEM_RESOURCE_TYPE,
  Postmortem,
  postmortemPermissions,
  POSTMORTEM_STATUSES,
} from '@sre-catalog/backstage-plugin-sre-common';
import { z } from 'zod/v4';
import { PostmortemStore } from './PostmortemStore';

/**
 * Criteria a conditional decision on postmortems translates to: the postmortem's
 * `property` holds one of `values` (all lower case).
 *
 * @public
 */
export type PostmortemPermissionQuery = {
  property: 'ownerRefs' | 'entityRefs' | 'status' | 'createdBy';
  values: string[];
};

/**
 * The `sre-postmortem` permission resource, for `sre.postmortem.update`.
 *
 * @public
 */
export const postmortemPermissionResourceRef = createPermissionResourceRef<
  Postmortem,
  PostmortemPermissionQuery
>().with({ pluginId: 'sre', resourceType: POSTMORTEM_RESOURCE_TYPE });

const lower = (values: string[]) =>
  values.map(v => v.toLocaleLowerCase('en-US'));

const claims = z
  .array(z.string())
  .describe(
    'Entity refs of the user and their groups; usually the ownershipEntityRefs of the user',
  );

const isAffectedEntityOwner = createPermissionRule({
  name: 'IS_AFFECTED_ENTITY_OWNER',
  description:
    'Allow when the claims include an owner of an entity the postmortem is about (as the catalog said when the postmortem was last written)',
  resourceRef: postmortemPermissionResourceRef,
  paramsSchema: z.object({ claims }),
  apply: (postmortem, params) => {
    const wanted = lower(params.claims);
    return postmortem.ownerRefs.some(ref => wanted.includes(ref));
  },
  toQuery: params => ({ property: 'ownerRefs', values: lower(params.claims) }),
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
  paramsSchema: z.object({ claims }),
  apply: (postmortem, params) =>
    lower(params.claims).includes(
      postmortem.createdBy.toLocaleLowerCase('en-US'),
    ),
  toQuery: params => ({ property: 'createdBy', values: lower(params.claims) }),
});

/**
 * Rules for conditional decisions on `sre.postmortem.update`.
 *
 * @public
 */
export const postmortemPermissionRules = {
  isAffectedEntityOwner,
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
 * `postmortemConditions.isAffectedEntityOwner({ claims: user.info.ownershipEntityRefs })`.
 *
 * @public
 */
export const postmortemConditions = conditionExports.conditions;

/**
 * Builds a conditional decision on `sre.postmortem.update` for a permission policy.
 *
 * @public
 */
export const createPostmortemConditionalDecision =
  conditionExports.createConditionalDecision;

/**
 * What the plugin registers with `permissionsRegistry.addResourceType`: the resource,
 * its permissions and rules, and how the permission backend loads postmortems by id.
 */
export function postmortemPermissionResourceType(
  store: PostmortemStore,
): PermissionsRegistryServiceAddResourceTypeOptions<
  typeof POSTMORTEM_RESOURCE_TYPE,
  Postmortem,
  PostmortemPermissionQuery
> {
  return {
    resourceRef: postmortemPermissionResourceRef,
    permissions: postmortemPermissions,
    rules: Object.values(postmortemPermissionRules),
    getResources: ids => store.getMany(ids),
  };
}
