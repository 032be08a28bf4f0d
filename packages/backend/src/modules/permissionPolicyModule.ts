import { createBackendModule } from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { sreDemoPermissionPolicy } from './sreDemoPermissionPolicy';

/** Installs the demo's permission policy in the permission backend. */
export const sreDemoPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'sre-demo-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(sreDemoPermissionPolicy);
      },
    });
  },
});
