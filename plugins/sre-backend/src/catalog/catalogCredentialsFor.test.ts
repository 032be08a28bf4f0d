import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogCredentialsFor } from './catalogCredentialsFor';

describe('catalogCredentialsFor', () => {
  const auth = mockServices.auth({ pluginId: 'sre' });

  it("keeps a user's own credentials", async () => {
    const user = mockCredentials.user('user:default/alice');
    expect(await catalogCredentialsFor(auth, user)).toBe(user);
  });

  it("gives the plugin's own credentials for a service principal, restricted or not", async () => {
    const restricted = mockCredentials.service('external:ci', {
      permissionNames: ['sre.slo.events.create'],
    });
    expect(await catalogCredentialsFor(auth, restricted)).toEqual(
      mockCredentials.service('plugin:sre'),
    );
  });
});
