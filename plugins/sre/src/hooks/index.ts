export { useOwnership } from './useOwnership';
export { useCoverage } from './useCoverage';
export { useTeamSupport } from './useTeamSupport';
