import type { EngagementModel } from './types';

/**
 * The party an area defaults to: one party for every service, or one per engagement
 * model with a `default` for the rest.
 *
 * @public
 */
export type BaselineParty =
  | string
  | ({ default: string } & Partial<Record<EngagementModel, string>>);

/** @public The organisation's baseline matrix: the default party of each area. */
export type ResponsibilityBaseline = Record<string, BaselineParty>;

/**
 * The baseline shipped when `sre.responsibilities` is not configured. It encodes
 * the usual split: the team owns its delivery, SREs take what their model gives
 * them, the platform team runs shared infrastructure.
 *
 * @public
 */
export const DEFAULT_RESPONSIBILITY_BASELINE: ResponsibilityBaseline = {
  release: 'team',
  'ci-cd-pipeline': 'team',
  alerting: {
    default: 'team',
    embedded: 'embedded-sre',
    hybrid: 'embedded-sre',
    central: 'central-sre',
  },
  'on-call': { default: 'team', central: 'central-sre' },
  'incident-response': {
    default: 'team',
    embedded: 'embedded-sre',
    hybrid: 'embedded-sre',
    central: 'central-sre',
  },
  postmortems: 'team',
  capacity: {
    default: 'team',
    embedded: 'embedded-sre',
    hybrid: 'central-sre',
    central: 'central-sre',
  },
  'database-operations': 'platform',
  network: 'central-sre',
  'ci-cd-infrastructure': 'platform',
  'observability-platform': 'platform',
  security: 'team',
  cost: 'team',
};

/** @public The party the baseline gives an area for a service of the given model. */
export function baselinePartyFor(
  party: BaselineParty,
  engagement: EngagementModel | undefined,
): string {
  if (typeof party === 'string') {
    return party;
  }
  return (engagement && party[engagement]) || party.default;
}
