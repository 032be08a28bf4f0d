import { createDevApp } from '@backstage/frontend-dev-utils';
import srePlugin from '../src/alpha';

// Serves the plugin on its own (`yarn start` in plugins/sre) against the backend at
// backend.baseUrl. The entity cards need the catalog's entity pages, so only the
// /sre page shows here; use the app in packages/app for the cards.
createDevApp({ features: [srePlugin] });
