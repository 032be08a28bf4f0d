import { PermissionsRegistryServiceAddResourceTypeOptions } from '@backstage/backend-plugin-api';
import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  SLO_RESOURCE_TYPE,
  sloPermissions,
} from '@sre-catalog/backstage-plugin-sre-common';
import { z } from 'zod/v4';
import { claimsParamSchema } from '../policy/ownershipClaims';

/**
 * An SLO as the permission framework sees it, for `sre.slo.events.create`: its
 * service and who is responsible for that service (all refs lower case).
 *
 * @public
 */
export type SloPermissionResource = {
  sloRef: string;
  /** The service (Component) the SLO measures. */
  serviceRef: string;
  /** The service's owner: `spec.owner` and its `ownedBy` relations. */
  ownerRefs: string[];
  /**
   * The service's SREs: its `sreSupportedBy` relations, the embedded SREs its
   * ownership resolves to (from the entity or its System), and the central SRE
   * Group when its engagement model uses one (central, hybrid, enabling).
   */
  sreRefs: string[];
};

/**
 * Criteria a conditional decision on SLOs translates to: the SLO's service has an
 * owner or SRE among `values` (lower case).
 *
 * @public
 */
export type SloPermissionQuery = {
  property: 'ownerOrSreRefs';
  values: string[];
};

/**
 * The `sre-slo` permission resource (resource refs are SLO entity refs), for
 * `sre.slo.events.create`.
 *
 * @public
 */
export const sloPermissionResourceRef = createPermissionResourceRef<
  SloPermissionResource,
  SloPermissionQuery
>().with({ pluginId: 'sre', resourceType: SLO_RESOURCE_TYPE });

const lower = (values: string[]) =>
  values.map(v => v.toLocaleLowerCase('en-US'));

const isServiceOwnerOrSre = createPermissionRule({
  name: 'IS_SERVICE_OWNER_OR_SRE',
  description:
    "Allow when the claims include an owner of the SLO's service or one of its SREs (embedded SREs, the central SRE team, sreSupportedBy relations)",
  resourceRef: sloPermissionResourceRef,
  paramsSchema: z.object({ claims: claimsParamSchema }),
  apply: (slo, params) => {
    const wanted = new Set(lower(params.claims));
    return [...slo.ownerRefs, ...slo.sreRefs].some(ref => wanted.has(ref));
  },
  toQuery: params => ({
    property: 'ownerOrSreRefs',
    values: lower(params.claims),
  }),
});

/**
 * Rules for conditional decisions on `sre.slo.events.create`.
 *
 * @public
 */
export const sloPermissionRules = { isServiceOwnerOrSre };

const conditionExports = createConditionExports({
  resourceRef: sloPermissionResourceRef,
  rules: sloPermissionRules,
});

/**
 * Conditions for permission policies, e.g.
 * `sloConditions.isServiceOwnerOrSre({ claims: user.info.ownershipEntityRefs })`.
 *
 * @public
 */
export const sloConditions = conditionExports.conditions;

/**
 * Builds a conditional decision on `sre.slo.events.create` for a permission policy.
 *
 * @public
 */
export const createSloConditionalDecision =
  conditionExports.createConditionalDecision;

/**
 * What the plugin registers with `permissionsRegistry.addResourceType`: the resource,
 * its permissions and rules, and how the permission backend loads SLOs by ref.
 */
export function sloPermissionResourceType(resources: {
  load(
    sloRefs: string[],
  ): Promise<Map<string, SloPermissionResource | undefined>>;
}): PermissionsRegistryServiceAddResourceTypeOptions<
  typeof SLO_RESOURCE_TYPE,
  SloPermissionResource,
  SloPermissionQuery
> {
  return {
    resourceRef: sloPermissionResourceRef,
    permissions: sloPermissions,
    rules: Object.values(sloPermissionRules),
    getResources: async refs => {
      const normalised = lower(refs);
      const loaded = await resources.load(normalised);
      return normalised.map(ref => loaded.get(ref));
    },
  };
}
