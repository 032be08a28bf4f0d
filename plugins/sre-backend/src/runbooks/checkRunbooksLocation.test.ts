import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { checkRunbooksLocation } from './checkRunbooksLocation';

const integrations = ScmIntegrations.fromConfig(
  new ConfigReader({
    integrations: {
      gitlab: [
        {
          host: 'gitlab.example.com',
          apiBaseUrl: 'https://gitlab.example.com/api/v4',
        },
      ],
      bitbucketServer: [
        {
          host: 'bitbucket.example.com',
          apiBaseUrl: 'https://bitbucket.example.com/rest/api/1.0',
        },
      ],
      azure: [{ host: 'dev.azure.com' }],
    },
  }),
);

function entityFrom(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout-api', annotations },
    spec: {},
  };
}

const check = (
  annotations: Record<string, string>,
  target: string,
  allowedLocations: string[] = [],
) =>
  checkRunbooksLocation(
    entityFrom(annotations),
    { type: 'url', target },
    { allowedLocations, integrations },
  );

const fromGithub = {
  'backstage.io/managed-by-location':
    'url:https://github.com/acme/shop/blob/main/catalog-info.yaml',
};

describe('checkRunbooksLocation', () => {
  it.each([
    [fromGithub, 'https://github.com/acme/shop/tree/main/docs/runbooks'],
    [fromGithub, 'https://github.com/acme/shop/blob/release/runbooks/db.md'],
    [
      {
        ...fromGithub,
        'backstage.io/source-location':
          'url:https://github.com/acme/checkout/tree/main/',
      },
      'https://github.com/acme/checkout/tree/main/runbooks',
    ],
    [
      {
        'backstage.io/managed-by-location':
          'url:https://gitlab.example.com/shop/backend/checkout/-/blob/main/catalog-info.yaml',
      },
      'https://gitlab.example.com/shop/backend/checkout/-/tree/main/runbooks',
    ],
    [
      {
        'backstage.io/managed-by-location':
          'url:https://bitbucket.example.com/projects/SHOP/repos/checkout/browse/catalog-info.yaml',
      },
      'https://bitbucket.example.com/projects/SHOP/repos/checkout/browse/runbooks',
    ],
    [
      {
        'backstage.io/managed-by-location':
          'url:https://dev.azure.com/acme/shop/_git/checkout?path=/catalog-info.yaml',
      },
      'https://dev.azure.com/acme/shop/_git/checkout?path=/runbooks',
    ],
    [
      // An unknown host: the folder of the catalog file.
      {
        'backstage.io/managed-by-location':
          'url:https://files.example.com/catalog/checkout/catalog-info.yaml',
      },
      'https://files.example.com/catalog/checkout/runbooks/',
    ],
  ])('reads from the entity’s own repository (%#)', (annotations, target) => {
    expect(check(annotations, target)).toBeUndefined();
  });

  it.each([
    // Another repository of the same owner, or one whose name starts the same.
    [fromGithub, 'https://github.com/acme/shop-secrets/tree/main/runbooks'],
    [fromGithub, 'https://github.com/acme/other/tree/main/runbooks'],
    // Another host.
    [fromGithub, 'https://raw.githubusercontent.com/acme/shop/main/db.md'],
    [fromGithub, 'http://169.254.169.254/latest/meta-data/'],
    // Leaving the repository with dot segments, plain or encoded.
    [fromGithub, 'https://github.com/acme/shop/../other/tree/main'],
    [fromGithub, 'https://github.com/acme/shop/%2e%2e/other/tree/main'],
    [fromGithub, 'https://github.com/acme/shop%2F..%2Fother/tree/main'],
    // Credentials in the URL.
    [fromGithub, 'https://user:pass@github.com/acme/shop/tree/main/runbooks'],
    [
      {
        'backstage.io/managed-by-location':
          'url:https://gitlab.example.com/shop/backend/checkout/-/blob/main/catalog-info.yaml',
      },
      'https://gitlab.example.com/shop/backend/payments/-/tree/main/runbooks',
    ],
    [
      {
        'backstage.io/managed-by-location':
          'url:https://files.example.com/catalog/checkout/catalog-info.yaml',
      },
      'https://files.example.com/catalog/payments/runbooks/',
    ],
  ])('refuses a URL outside it (%#)', (annotations, target) => {
    expect(check(annotations, target)).toMatch(/ is not read: /);
  });

  it('says why, naming the location and the entity’s repository', () => {
    expect(
      check(fromGithub, 'https://github.com/acme/other/tree/main/runbooks'),
    ).toBe(
      "https://github.com/acme/other/tree/main/runbooks is not read: it is outside the entity's source repository (https://github.com/acme/shop/) and not under sre.runbooks.allowedLocations",
    );
    expect(
      check(
        { 'backstage.io/managed-by-location': 'file:/srv/catalog/all.yaml' },
        'https://github.com/acme/shop/tree/main/runbooks',
      ),
    ).toBe(
      'https://github.com/acme/shop/tree/main/runbooks is not read: it is not under sre.runbooks.allowedLocations, and the entity has no source repository on the web (a url: backstage.io/managed-by-location or backstage.io/source-location) that could hold it',
    );
  });

  it('reads from the prefixes of sre.runbooks.allowedLocations, at path boundaries', () => {
    const allowed = ['https://github.com/acme/runbooks'];
    const file = { 'backstage.io/managed-by-location': 'file:/srv/all.yaml' };
    expect(
      check(file, 'https://github.com/acme/runbooks/tree/main/pay', allowed),
    ).toBeUndefined();
    expect(
      check(file, 'https://github.com/acme/runbooks', allowed),
    ).toBeUndefined();
    expect(
      check(file, 'https://github.com/acme/runbooks-old/tree/main', allowed),
    ).toMatch(/ is not read: /);
    expect(
      check(file, 'https://gitlab.com/acme/runbooks/-/tree/main', allowed),
    ).toMatch(/ is not read: /);
  });

  it('allows files on the backend’s own file system, which resolving confines', () => {
    expect(
      checkRunbooksLocation(
        entityFrom({}),
        { type: 'dir', target: '/srv/catalog/runbooks', base: '/srv/catalog' },
        { allowedLocations: [], integrations },
      ),
    ).toBeUndefined();
  });
});
