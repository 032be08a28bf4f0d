export { useOwnership } from './useOwnership';
export { useCoverage } from './useCoverage';
export { useTeamSupport } from './useTeamSupport';
export { useSlos } from './useSlos';
export { useSloStatus } from './useSloStatus';
export { useSloHistory } from './useSloHistory';
export { useEntitySlos } from './useEntitySlos';
export { useSliceWindows } from './useSliceWindows';
