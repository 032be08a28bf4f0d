// The demo backend of the SRE Catalog: Backstage's defaults plus the SRE plugins.

import { createBackend } from '@backstage/backend-defaults';
import { sreDemoPermissionPolicyModule } from './modules/permissionPolicyModule';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// scaffolder plugin
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

// techdocs plugin
backend.add(import('@backstage/plugin-techdocs-backend'));

// auth plugin
backend.add(import('@backstage/plugin-auth-backend'));
// See https://backstage.io/docs/backend-system/building-backends/migrating#the-auth-plugin
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// See https://backstage.io/docs/auth/guest/provider

// catalog plugin
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);

// See https://backstage.io/docs/features/software-catalog/configuration#subscribing-to-catalog-errors
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permission plugin
backend.add(import('@backstage/plugin-permission-backend'));
// The demo's real policy, built from the SRE Catalog's helpers (README, "Security"):
// restricted entities only for their owners, postmortem writes and SLI pushes for
// the owners and SREs of the services concerned, everything else allowed.
backend.add(sreDemoPermissionPolicyModule);

// search plugin
backend.add(import('@backstage/plugin-search-backend'));

// search engine
// See https://backstage.io/docs/features/search/search-engines
backend.add(import('@backstage/plugin-search-backend-module-pg'));

// search collators
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

// user settings plugin
backend.add(import('@backstage/plugin-user-settings-backend'));

// notifications and signals plugins
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// SRE Catalog: ownership and responsibility, SLOs, runbooks, postmortems
backend.add(import('@sre-catalog/backstage-plugin-sre-backend'));
backend.add(import('@sre-catalog/backstage-plugin-catalog-backend-module-sre'));
backend.add(import('@sre-catalog/backstage-plugin-search-backend-module-sre'));

backend.start();
