export { GroupPostmortemsCard } from './GroupPostmortemsCard';
export type { GroupPostmortemsCardProps } from './GroupPostmortemsCard';
