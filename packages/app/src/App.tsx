import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import srePlugin, {
  sreCatalogGraphModule,
} from '@sre-catalog/backstage-plugin-sre/alpha';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';

export default createApp({
  // `app.packages: all` also discovers these from package.json; listing them here
  // keeps them installed when discovery is off (as in App.test.tsx).
  features: [
    catalogPlugin,
    srePlugin,
    navModule,
    homeModule,
    sreCatalogGraphModule,
  ],
});
