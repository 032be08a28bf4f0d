export { PermittedLinkButton } from './PermittedLinkButton';
export type { PermittedLinkButtonProps } from './PermittedLinkButton';
