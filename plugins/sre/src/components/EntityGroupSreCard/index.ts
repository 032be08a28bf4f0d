export { EntityGroupSreCard } from './EntityGroupSreCard';
