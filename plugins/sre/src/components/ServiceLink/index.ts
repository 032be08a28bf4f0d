export { ServiceLink } from './ServiceLink';
export type { ServiceLinkProps } from './ServiceLink';
