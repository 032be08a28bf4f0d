import { createDevApp } from '@backstage/frontend-dev-utils';
import srePlugin from '../src/alpha';

// Serves the plugin on its own (`yarn start` in plugins/sre) against the backend at
// backend.baseUrl. The entity cards and the SLOs tab need the catalog's entity pages,
// so only the /sre page (Coverage and SLO review) shows here, and without the catalog
// the review's team and System filters offer no choices; use the app in packages/app
// for the rest.
createDevApp({ features: [srePlugin] });
