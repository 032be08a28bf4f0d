import { Entity } from '@backstage/catalog-model';
import {
  coreExtensionData,
  createFrontendModule,
  createTranslationMessages,
} from '@backstage/frontend-plugin-api';
import { TranslationBlueprint } from '@backstage/plugin-app-react';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import srePlugin, { sreTranslationRef } from './alpha';
import {
  sreGroupEntityCard,
  sreGroupSloEntityCard,
  sreOwnershipEntityCard,
  sreSloEntityCard,
} from './alpha/entityCards';
import { sreSloEntityContent } from './alpha/entityContents';
import { sreCoveragePage } from './alpha/pages';
import { sreApiRef } from './api';
import { mockSreApi } from './__testUtils__/fixtures';
import { pagingSlo, sloList } from './__testUtils__/sloFixtures';

// Selects and whole pages render slowly when the machine is busy.
jest.setTimeout(30_000);

const entityOfKind = (kind: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
});

describe('sre plugin for the new frontend system', () => {
  it('is the plugin with id sre', () => {
    expect(srePlugin.id).toBe('sre');
  });

  it('mounts the coverage page at /sre with a title and icon for the sidebar', () => {
    const tester = createExtensionTester(sreCoveragePage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/sre');
    expect(tester.get(coreExtensionData.title)).toBe('Reliability');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
    expect(tester.get(coreExtensionData.routeRef)).toBeDefined();
  });

  it('renders the coverage at /sre, linked from the sidebar', async () => {
    renderTestApp({
      features: [srePlugin],
      initialRouteEntries: ['/sre'],
      apis: [[sreApiRef, mockSreApi()]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });

    // The page is lazy-loaded; its first import in jest takes a while.
    await waitFor(
      () =>
        expect(
          screen.getByRole('link', { name: 'legacy-invoicing' }),
        ).toBeInTheDocument(),
      { timeout: 10_000 },
    );
    const sidebar = screen.getByRole('navigation', { name: 'sidebar nav' });
    expect(
      within(sidebar).getByRole('link', { name: 'Reliability' }),
    ).toHaveAttribute('href', '/sre');
    expect(
      screen.getByText(
        'Who is responsible for the reliability of each service',
      ),
    ).toBeInTheDocument();
  }, 20_000);

  it("lets the app override the plugin's texts through its translation ref", async () => {
    const sreMessages = createTranslationMessages({
      ref: sreTranslationRef,
      messages: {
        'page.coverageDescription': 'Who keeps each service up',
        'ownership.support.none': 'Team-run, no SRE',
      },
    });
    renderTestApp({
      features: [
        srePlugin,
        createFrontendModule({
          pluginId: 'app',
          extensions: [
            TranslationBlueprint.make({
              name: 'sre',
              params: { resource: sreMessages },
            }),
          ],
        }),
      ],
      initialRouteEntries: ['/sre'],
      apis: [[sreApiRef, mockSreApi()]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });

    expect(
      await screen.findByText('Who keeps each service up', undefined, {
        timeout: 10_000,
      }),
    ).toBeInTheDocument();
    expect(
      (await screen.findAllByText('Team-run, no SRE')).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText('No SRE support')).toBeNull();
  }, 20_000);

  it('puts the ownership card on Components, Systems and Resources only', () => {
    const filter = createExtensionTester(sreOwnershipEntityCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    expect(filter(entityOfKind('Component'))).toBe(true);
    expect(filter(entityOfKind('System'))).toBe(true);
    expect(filter(entityOfKind('Resource'))).toBe(true);
    expect(filter(entityOfKind('Group'))).toBe(false);
    expect(filter(entityOfKind('API'))).toBe(false);
  });

  it('puts the group card on Groups only', () => {
    const filter = createExtensionTester(sreGroupEntityCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    expect(filter(entityOfKind('Group'))).toBe(true);
    expect(filter(entityOfKind('Component'))).toBe(false);
  });

  it('has the SLO review as a tab of the page at /sre/slo-review', async () => {
    const api = mockSreApi({
      listSlos: jest.fn(async () => sloList([pagingSlo])),
    });
    renderTestApp({
      features: [srePlugin],
      initialRouteEntries: ['/sre/slo-review'],
      apis: [
        [sreApiRef, api],
        [catalogApiRef, catalogApiMock()],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });

    await waitFor(
      () =>
        expect(
          screen.getByRole('link', { name: 'Card authorisations' }),
        ).toBeInTheDocument(),
      { timeout: 10_000 },
    );
    expect(screen.getByRole('tab', { name: 'SLO review' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(screen.getByRole('tab', { name: 'Coverage' })).toBeInTheDocument();
    expect(api.listSlos).toHaveBeenCalledWith(
      expect.objectContaining({ orderBy: 'budget', offset: 0 }),
    );
  }, 20_000);

  it('adds an SLOs tab at /slos to Components and Systems only', () => {
    const tester = createExtensionTester(sreSloEntityContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('/slos');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('SLOs');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(entityOfKind('Component'))).toBe(true);
    expect(filter(entityOfKind('System'))).toBe(true);
    expect(filter(entityOfKind('Group'))).toBe(false);
    expect(filter(entityOfKind('Resource'))).toBe(false);
  });

  it('puts the compact SLO card in the info column of Components and Systems only', () => {
    const tester = createExtensionTester(sreSloEntityCard);
    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('info');
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(entityOfKind('Component'))).toBe(true);
    expect(filter(entityOfKind('System'))).toBe(true);
    expect(filter(entityOfKind('Group'))).toBe(false);
    expect(filter(entityOfKind('Resource'))).toBe(false);
  });

  it('puts the group SLO card on Groups only', () => {
    const filter = createExtensionTester(sreGroupSloEntityCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    expect(filter(entityOfKind('Group'))).toBe(true);
    expect(filter(entityOfKind('Component'))).toBe(false);
    expect(filter(entityOfKind('System'))).toBe(false);
  });

  it('includes the SLO tab and cards in the plugin under their ids', () => {
    expect(srePlugin.getExtension('entity-content:sre/slos')).toBeDefined();
    expect(srePlugin.getExtension('entity-card:sre/slos')).toBeDefined();
    expect(srePlugin.getExtension('entity-card:sre/group-slos')).toBeDefined();
  });
});
