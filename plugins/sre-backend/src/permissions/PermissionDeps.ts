import {
  AuthService,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';

/**
 * What the plugin's own permission checks are made with: who the caller is, the
 * policy's decisions, and the rules conditional decisions name (those modules add
 * included).
 */
export type PermissionDeps = {
  auth: AuthService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
};
