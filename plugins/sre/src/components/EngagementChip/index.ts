export { EngagementChip } from './EngagementChip';
export type { EngagementChipProps } from './EngagementChip';
