export { EntityGroupSloCard } from './EntityGroupSloCard';
export type { EntityGroupSloCardProps } from './EntityGroupSloCard';
