import {
  PartyRole,
  SreSupport,
  TeamType,
  ValueSource,
} from '@sre-catalog/backstage-plugin-sre-common';

/** Human labels of the SRE support states, as shown in chips and the coverage table. */
export const SRE_SUPPORT_LABELS: Record<SreSupport, string> = {
  supported: 'SRE supported',
  unstaffed: 'Unstaffed',
  none: 'No SRE support',
  undeclared: 'Undeclared',
};

/** One line per SRE support state, shown as a tooltip or next to the label. */
export const SRE_SUPPORT_DESCRIPTIONS: Record<SreSupport, string> = {
  supported: 'SREs are assigned to this service.',
  unstaffed:
    'The engagement model calls for SREs, but none that exist in the catalog are assigned.',
  none: 'Declared without SRE support: the owning team alone is responsible.',
  undeclared: 'No engagement model is declared on the service or its System.',
};

/** Whether a support state counts as "without SRE support" in the coverage report. */
export function lacksSreSupport(support: SreSupport): boolean {
  return support !== 'supported';
}

/** One line per Team Topologies team type. */
export const TEAM_TYPE_DESCRIPTIONS: Record<TeamType, string> = {
  'stream-aligned':
    'Aligned to a flow of work from a business domain; builds and runs its services end to end.',
  platform:
    'Offers internal services that other teams self-serve, to reduce their cognitive load.',
  enabling:
    'Helps other teams acquire missing capabilities for a while, then steps back.',
  'complicated-subsystem':
    'Owns a part of the system that needs deep specialist knowledge.',
};

const PARTY_LABELS: Record<PartyRole, string> = {
  team: 'Owning team',
  'embedded-sre': 'Embedded SREs',
  'central-sre': 'Central SRE team',
  platform: 'Platform team',
};

/** The label of a responsibility party, or undefined when it is an entity ref. */
export function partyRoleLabel(party: string): string | undefined {
  return (PARTY_LABELS as Record<string, string | undefined>)[party];
}

/** Where a value came from, in words. */
export const SOURCE_LABELS: Record<ValueSource, string> = {
  entity: 'entity',
  system: 'system',
  baseline: 'baseline',
  config: 'organisation default',
  none: 'not declared',
};

/** How a team takes part in a service, from the `roles` of the teams endpoint. */
export function roleLabel(role: string): string {
  if (role.startsWith('area:')) {
    return `Holds ${role.slice('area:'.length)}`;
  }
  switch (role) {
    case 'embedded-sre':
      return 'Embedded SRE';
    case 'central-sre':
      return 'Central SRE';
    case 'platform':
      return 'Platform';
    case 'owner':
      return 'Owner';
    default:
      return role;
  }
}
