import { Entity } from '@backstage/catalog-model';
import {
  ApiBlueprint,
  coreExtensionData,
  createFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { SreClient } from '../api';
import { sreIncidentsApiRef } from '../api/SreIncidentsApi';
import { sreIncidentsApi } from './apis';
import { sreGroupPostmortemsEntityCard } from './entityCards';
import {
  srePostmortemsEntityContent,
  sreRunbooksEntityContent,
} from './entityContents';

const entityOfKind = (kind: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
});

describe('runbooks and postmortems for the new frontend system', () => {
  it('still provides the deprecated incidents API ref, plugin.sre.incidents, for apps that use it', () => {
    const factory = createExtensionTester(sreIncidentsApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api).toBe(sreIncidentsApiRef);
    expect(factory.api.id).toBe('plugin.sre.incidents');
    const client = factory.factory({
      discoveryApi: { getBaseUrl: async () => 'http://x/api/sre' },
      fetchApi: { fetch: jest.fn() },
    });
    expect(client).toBeInstanceOf(SreClient);
  });

  it('adds a Runbooks tab at /runbooks to Components and Systems only', () => {
    const tester = createExtensionTester(sreRunbooksEntityContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('/runbooks');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Runbooks');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(entityOfKind('Component'))).toBe(true);
    expect(filter(entityOfKind('System'))).toBe(true);
    expect(filter(entityOfKind('Group'))).toBe(false);
    expect(filter(entityOfKind('Resource'))).toBe(false);
  });

  it('adds the Incidents & postmortems tab at /postmortems, where search results link', () => {
    const tester = createExtensionTester(srePostmortemsEntityContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('/postmortems');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Incidents & postmortems',
    );
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(entityOfKind('Component'))).toBe(true);
    expect(filter(entityOfKind('System'))).toBe(true);
    expect(filter(entityOfKind('API'))).toBe(false);
  });

  it('puts the team postmortems card on Groups only', () => {
    const filter = createExtensionTester(sreGroupPostmortemsEntityCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    expect(filter(entityOfKind('Group'))).toBe(true);
    expect(filter(entityOfKind('Component'))).toBe(false);
  });

  it('gives the extensions their ids within the sre plugin', () => {
    const plugin = createFrontendPlugin({
      pluginId: 'sre',
      extensions: [
        sreIncidentsApi,
        sreRunbooksEntityContent,
        srePostmortemsEntityContent,
        sreGroupPostmortemsEntityCard,
      ],
    });
    expect(plugin.getExtension('api:sre/incidents')).toBeDefined();
    expect(plugin.getExtension('entity-content:sre/runbooks')).toBeDefined();
    expect(plugin.getExtension('entity-content:sre/postmortems')).toBeDefined();
    expect(
      plugin.getExtension('entity-card:sre/group-postmortems'),
    ).toBeDefined();
  });
});
