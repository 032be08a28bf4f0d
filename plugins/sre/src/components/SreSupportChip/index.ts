export { SreSupportChip } from './SreSupportChip';
export type { SreSupportChipProps } from './SreSupportChip';
