export { EntitySreOwnershipCard } from './EntitySreOwnershipCard';
