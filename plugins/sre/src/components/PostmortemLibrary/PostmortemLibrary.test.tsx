import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SreIncidentsApi, sreIncidentsApiRef } from '../../api/incidents';
import {
  checkoutTeamEntity,
  fullPostmortem,
  mockIncidentsApi,
  postmortemList,
  quickPostmortem,
} from '../../testUtils/incidentFixtures';
import { PostmortemLibraryContent } from './PostmortemLibraryContent';
import { RecentLearningsContent } from './RecentLearningsContent';

function renderLibrary(api: SreIncidentsApi, route = '/') {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [sreIncidentsApiRef, api],
        [catalogApiRef, catalogApiMock({ entities: [checkoutTeamEntity] })],
      ]}
    >
      <PostmortemLibraryContent description="Every team’s postmortems" />
    </TestApiProvider>,
    {
      routeEntries: [route],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

const lastRequest = (api: jest.Mocked<SreIncidentsApi>) =>
  api.listPostmortems.mock.calls[api.listPostmortems.mock.calls.length - 1][0];

describe('PostmortemLibraryContent', () => {
  it('lists postmortems of every team, linked to their page on the service', async () => {
    const api = mockIncidentsApi({
      listPostmortems: jest.fn(async () =>
        postmortemList([fullPostmortem, quickPostmortem], 2),
      ),
    });
    await renderLibrary(api);

    const table = await screen.findByRole('table', {
      name: 'Postmortem library',
    });
    expect(lastRequest(api)).toEqual(
      expect.objectContaining({ limit: 20, offset: 0 }),
    );
    expect(lastRequest(api)?.q).toBeUndefined();
    expect(
      within(table).getByRole('link', {
        name: 'Checkout 5xx after a config push',
      }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout-api/postmortems/pm-quick-1',
    );
    expect(table).toHaveTextContent('checkout-team');
    expect(table).toHaveTextContent('config');
  });

  it('searches with q and filters by severity, status, team and tag', async () => {
    const api = mockIncidentsApi({
      listPostmortems: jest.fn(async () => postmortemList([quickPostmortem])),
    });
    await renderLibrary(api);
    await screen.findByRole('table', { name: 'Postmortem library' });

    await userEvent.type(
      screen.getByLabelText('Search postmortems'),
      'config push',
    );
    await waitFor(
      () =>
        expect(lastRequest(api)).toEqual(
          expect.objectContaining({ q: 'config push', offset: 0 }),
        ),
      { timeout: 3000 },
    );

    await userEvent.selectOptions(screen.getByLabelText('Severity'), 'SEV2');
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'published');
    const team = screen.getByLabelText('Team');
    await waitFor(() =>
      expect(
        within(team).getByRole('option', { name: 'checkout-team' }),
      ).toBeInTheDocument(),
    );
    await userEvent.selectOptions(team, 'group:default/checkout-team');
    await userEvent.type(screen.getByLabelText('Tag'), 'Config');

    await waitFor(
      () =>
        expect(lastRequest(api)).toEqual({
          q: 'config push',
          severity: 'SEV2',
          status: 'published',
          owner: 'group:default/checkout-team',
          tag: 'config',
          limit: 20,
          offset: 0,
        }),
      { timeout: 3000 },
    );
  });

  it('reads the search and filters from the URL', async () => {
    const api = mockIncidentsApi();
    await renderLibrary(api, '/?q=deploy&severity=SEV1&status=bogus');

    expect(await screen.findByText('No postmortems match')).toBeInTheDocument();
    expect(lastRequest(api)).toEqual(
      expect.objectContaining({ q: 'deploy', severity: 'SEV1' }),
    );
    // An unknown status is left out rather than sent.
    expect(lastRequest(api)?.status).toBeUndefined();
    expect(screen.getByLabelText('Search postmortems')).toHaveValue('deploy');
  });

  it('lists incidents the error budget policy says still need a postmortem', async () => {
    const api = mockIncidentsApi({
      listRequiredPostmortems: jest.fn(async () => ({
        items: [
          {
            startedAt: '2026-10-01T10:00:00.000Z',
            entityRefs: ['component:default/payment-gateway'],
            impactedSlos: [
              {
                sloRef: 'slo:default/payment-gateway-authorisations',
                budgetConsumed: 0.4,
                computed: true,
              },
            ],
            reason: 'One incident consumed 40% of the budget.',
          },
        ],
        totalCount: 1,
      })),
    });
    await renderLibrary(api);

    expect(
      await screen.findByText(
        /1 incident without the postmortem \(or its P0 action item\) the error budget policy asks for/,
      ),
    ).toBeInTheDocument();
    // Opened, a link to write the missing postmortem on the service.
    await userEvent.click(
      screen.getByRole('button', { name: /1 incident without the postmortem/ }),
    );
    expect(
      await screen.findByRole('link', { name: 'write one' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payment-gateway/postmortems/new',
    );
  });
});

describe('RecentLearningsContent', () => {
  it('shows the lessons of the latest published postmortems with team and service', async () => {
    const api = mockIncidentsApi({
      listPostmortems: jest.fn(async () =>
        postmortemList(
          [{ ...fullPostmortem, status: 'published' }, quickPostmortem],
          30,
        ),
      ),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[sreIncidentsApiRef, api]]}>
        <RecentLearningsContent />
      </TestApiProvider>,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );

    const learnings = await screen.findAllByTestId('sre-learning');
    expect(api.listPostmortems).toHaveBeenCalledWith(
      expect.objectContaining({ status: 'published', limit: 20 }),
    );
    // The quick postmortem has no lessons.
    expect(learnings).toHaveLength(1);
    expect(learnings[0]).toHaveTextContent('Payment provider timeouts');
    expect(learnings[0]).toHaveTextContent('checkout-team');
    expect(learnings[0]).toHaveTextContent('checkout-api');
    expect(within(learnings[0]).getByText('circuit breaker').tagName).toBe(
      'STRONG',
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Show older postmortems' }),
    );
    await waitFor(() =>
      expect(api.listPostmortems).toHaveBeenLastCalledWith(
        expect.objectContaining({ limit: 40 }),
      ),
    );
  });
});
