import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

// A standalone backend for working on the plugin: `yarn start` in this folder, then
//   curl http://localhost:7007/api/sre/ownership/component/default/checkout-api
const backend = createBackend();
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'checkout-api',
          annotations: {
            'sre-catalog.io/engagement': 'embedded',
            'sre-catalog.io/embedded-sres': 'user:default/priya.nair',
          },
        },
        spec: { type: 'service', owner: 'group:default/checkout-team' },
      },
    ],
  }),
);
backend.add(import('../src'));
backend.start();
