import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';

/**
 * What a group of audited SLO routes needs next to its domain service: the
 * caller's credentials, and the auditor its events go to.
 */
export type AuditedRouteServices = {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
};
