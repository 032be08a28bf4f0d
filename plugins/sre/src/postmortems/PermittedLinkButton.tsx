import { ReactNode } from 'react';
import { LinkButton } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import { WriteAccess } from './usePostmortemAccess';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../translation';

/** @public */
export type PermittedLinkButtonProps = {
  to: string;
  /** From `useCreatePostmortemAccess` or `useUpdatePostmortemAccess`. */
  access: WriteAccess;
  children: ReactNode;
  variant?: 'text' | 'outlined' | 'contained';
  color?: 'default' | 'inherit' | 'primary' | 'secondary';
};

/**
 * A link button to a write (a form) that is only live when the user may do it:
 * disabled while the permission is loading, and disabled with the reason as its
 * tooltip when it is denied.
 *
 * @public
 */
export function PermittedLinkButton(props: PermittedLinkButtonProps) {
  const { to, access, children, variant, color } = props;
  const { t } = useTranslationRef(sreTranslationRef);
  if (access.allowed) {
    return (
      <LinkButton to={to} variant={variant} color={color}>
        {children}
      </LinkButton>
    );
  }
  const reason = access.loading
    ? t('postmortems.access.checking')
    : access.reason ?? '';
  return (
    <Tooltip title={reason}>
      {/* A disabled button gets no pointer events: the tooltip needs a wrapper. */}
      <span
        style={{ display: 'inline-block' }}
        data-testid="sre-permitted-link-button"
        data-permission={access.loading ? 'loading' : 'denied'}
      >
        <Button variant={variant} color={color} disabled>
          {children}
        </Button>
      </span>
    </Tooltip>
  );
}
