import {
  PARTY_ROLES,
  SreSupport,
} from '@sre-catalog/backstage-plugin-sre-common';
import { SreTranslate } from '../translation';

/** Whether a support state counts as "without SRE support" in the coverage report. */
export function lacksSreSupport(support: SreSupport): boolean {
  return support !== 'supported';
}

/** The label of a responsibility party, or undefined when it is an entity ref. */
export function partyRoleLabel(
  t: SreTranslate,
  party: string,
): string | undefined {
  const role = PARTY_ROLES.find(r => r === party);
  return role ? t(`ownership.party.${role}`) : undefined;
}

const TEAM_ROLES = [
  'owner',
  'embedded-sre',
  'central-sre',
  'platform',
] as const;

/** How a team takes part in a service, from the `roles` of the teams endpoint. */
export function roleLabel(t: SreTranslate, role: string): string {
  if (role.startsWith('area:')) {
    return t('ownership.role.area', { area: role.slice('area:'.length) });
  }
  const known = TEAM_ROLES.find(r => r === role);
  return known ? t(`ownership.role.${known}`) : role;
}
