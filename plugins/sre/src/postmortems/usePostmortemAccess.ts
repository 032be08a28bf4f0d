import {
  AsyncPermissionResult,
  usePermission,
} from '@backstage/plugin-permission-react';
import {
  postmortemCreatePermission,
  postmortemUpdatePermission,
} from '@sre-catalog/backstage-plugin-sre-common';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { SreTranslate, sreTranslationRef } from '../translation';

/**
 * Whether the signed-in user may do a write, and if not, why (for a tooltip or a
 * warning). `allowed` is false while the answer is loading, so that nothing is
 * offered before it is known.
 *
 * @public
 */
export type WriteAccess = {
  loading: boolean;
  allowed: boolean;
  /** Why the write is not offered; absent while loading and when allowed. */
  reason?: string;
};

function accessOf(
  t: SreTranslate,
  result: AsyncPermissionResult,
  denied: string,
): WriteAccess {
  if (result.loading) return { loading: true, allowed: false };
  if (result.error) {
    return {
      loading: false,
      allowed: false,
      reason: t('postmortems.access.error', { error: result.error.message }),
    };
  }
  return result.allowed
    ? { loading: false, allowed: true }
    : { loading: false, allowed: false, reason: denied };
}

/**
 * Whether the user may write a postmortem about an entity (`sre.postmortem.create`
 * with the entity ref as the resource). A hint only: the backend decides again on
 * the postmortem as it would be stored.
 *
 * @public
 */
export function useCreatePostmortemAccess(
  entityRef: string | undefined,
): WriteAccess {
  const { t } = useTranslationRef(sreTranslationRef);
  const result = usePermission({
    permission: postmortemCreatePermission,
    resourceRef: entityRef,
  });
  return accessOf(
    t,
    result,
    t('postmortems.access.createDenied', {
      entityRef: String(entityRef),
      permission: postmortemCreatePermission.name,
    }),
  );
}

/**
 * Whether the user may change (and so publish) a postmortem
 * (`sre.postmortem.update` on its id).
 *
 * @public
 */
export function useUpdatePostmortemAccess(
  postmortemId: string | undefined,
): WriteAccess {
  const { t } = useTranslationRef(sreTranslationRef);
  const result = usePermission({
    permission: postmortemUpdatePermission,
    resourceRef: postmortemId,
  });
  return accessOf(
    t,
    result,
    t('postmortems.access.updateDenied', {
      permission: postmortemUpdatePermission.name,
    }),
  );
}
