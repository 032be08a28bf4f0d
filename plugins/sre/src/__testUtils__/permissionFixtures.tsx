import { ReactNode } from 'react';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { PermissionApi } from '@backstage/plugin-permission-react';
import { mockApis } from '@backstage/test-utils';
import { SWRConfig } from 'swr';

/**
 * A permission API that allows a request when `allow` says so (every request when
 * no function is given), and records the requests it answered.
 */
export function permissionApiThat(
  allow: (request: EvaluatePermissionRequest) => boolean = () => true,
): PermissionApi & { requests: EvaluatePermissionRequest[] } {
  const requests: EvaluatePermissionRequest[] = [];
  const api = mockApis.permission({
    authorize: request => {
      requests.push(request);
      return allow(request) ? AuthorizeResult.ALLOW : AuthorizeResult.DENY;
    },
  });
  return Object.assign(api, { requests });
}

/** Allows everything except the named permissions. */
export function permissionApiDenying(...names: string[]) {
  return permissionApiThat(request => !names.includes(request.permission.name));
}

/** A permission API whose answers never arrive: the loading state, held. */
export function pendingPermissionApi(): PermissionApi {
  return { authorize: () => new Promise(() => {}) };
}

/**
 * `usePermission` caches answers in a module-wide SWR cache; a fresh cache per
 * render keeps one test's answer from showing up in the next.
 */
export function FreshPermissionCache(props: { children: ReactNode }) {
  return (
    <SWRConfig value={{ provider: () => new Map() }}>
      {props.children}
    </SWRConfig>
  );
}
