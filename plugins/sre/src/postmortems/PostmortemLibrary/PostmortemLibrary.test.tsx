import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SreApi, sreApiRef } from '../../api';
import {
  checkoutTeamEntity,
  fullPostmortem,
  mockRunbooksAndPostmortemsApi,
  postmortemList,
  quickPostmortem,
} from '../../__testUtils__/runbookPostmortemFixtures';
import {
  FreshPermissionCache,
  permissionApiThat,
} from '../../__testUtils__/permissionFixtures';
import { PostmortemLibraryContent } from './PostmortemLibraryContent';
import { RecentLearningsContent } from './RecentLearningsContent';

function renderLibrary(
  api: SreApi,
  route = '/',
  permissionApi: PermissionApi = permissionApiThat(),
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [sreApiRef, api],
        [catalogApiRef, catalogApiMock({ entities: [checkoutTeamEntity] })],
        [permissionApiRef, permissionApi],
      ]}
    >
      <FreshPermissionCache>
        <PostmortemLibraryContent description="Every team’s postmortems" />
      </FreshPermissionCache>
    </TestApiProvider>,
    {
      routeEntries: [route],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

const lastRequest = (api: jest.Mocked<SreApi>) =>
  api.listPostmortems.mock.calls[api.listPostmortems.mock.calls.length - 1][0];

/** Makes `useMediaQuery` answer as for a window `width` px wide (jsdom has none). */
function setViewportWidth(width: number) {
  window.matchMedia = ((query: string) => {
    const max = /max-width:\s*([\d.]+)px/.exec(query);
    const min = /min-width:\s*([\d.]+)px/.exec(query);
    return {
      matches:
        (!max || width <= Number(max[1])) && (!min || width >= Number(min[1])),
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    };
  }) as typeof window.matchMedia;
}

const headers = (table: HTMLElement) =>
  within(table)
    .getAllByRole('columnheader')
    .map(h => h.textContent);
const row = (table: HTMLElement, id: string) =>
  within(table)
    .getAllByRole('row')
    .find(r => r.getAttribute('data-postmortem') === id)!;

/** The columns the table starts with at every width but a phone's. */
const WIDE_COLUMNS = ['Severity', 'Title', 'Status', 'Started', 'Services'];

/** The library with two postmortems in a window of the given width. */
async function renderTableAt(width: number) {
  setViewportWidth(width);
  const api = mockRunbooksAndPostmortemsApi({
    listPostmortems: jest.fn(async () =>
      postmortemList([fullPostmortem, quickPostmortem], 2),
    ),
  });
  await renderLibrary(api);
  return screen.findByRole('table', { name: 'Postmortem library' });
}

describe('PostmortemLibraryContent', () => {
  afterEach(() => {
    delete (window as { matchMedia?: unknown }).matchMedia;
  });

  it('lists postmortems of every team, linked to their page on the service', async () => {
    const api = mockRunbooksAndPostmortemsApi({
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

  it('shows every column from 1280 px, the start as a date with the time as tooltip', async () => {
    const table = await renderTableAt(1280);
    expect(headers(table)).toEqual([
      ...WIDE_COLUMNS,
      'Teams',
      'Tags',
      'Action items',
    ]);
    const quick = row(table, quickPostmortem.id);
    const started = quick.querySelector('time')!;
    expect(started).toHaveAttribute('dateTime', quickPostmortem.startedAt);
    expect(started.getAttribute('title')).toMatch(/2026.*\d{1,2}:\d{2}/);
    expect(started.textContent).toMatch(/2026/);
    expect(started.textContent).not.toMatch(/\d{1,2}:\d{2}/);
    expect(quick).toHaveTextContent('1 open');
    expect(quick).toHaveTextContent('1 overdue');
  });

  it('below 1280 px puts the tags under the title and the teams under the services', async () => {
    const table = await renderTableAt(1100);
    expect(headers(table)).toEqual([...WIDE_COLUMNS, 'Action items']);
    // Severity, title (with the tags), status, started, services (with the
    // teams) and action items.
    const cells = within(row(table, quickPostmortem.id)).getAllByRole('cell');
    expect(cells).toHaveLength(6);
    expect(cells[1]).toHaveTextContent(
      'Checkout 5xx after a config pushTags: config',
    );
    expect(cells[4]).toHaveTextContent('checkout-apiTeam: checkout-team');
  });

  it('on phones shows the compact form', async () => {
    const table = await renderTableAt(400);
    expect(headers(table)).toEqual(['Severity', 'Postmortem', 'Status']);
    expect(table).toHaveTextContent('checkout-api');
    expect(table).toHaveTextContent('1 overdue');
  });

  it('searches with q and filters by severity, status, team and tag', async () => {
    const api = mockRunbooksAndPostmortemsApi({
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
    const api = mockRunbooksAndPostmortemsApi();
    await renderLibrary(api, '/?q=deploy&severity=SEV1&status=bogus');

    expect(await screen.findByText('No postmortems match')).toBeInTheDocument();
    expect(lastRequest(api)).toEqual(
      expect.objectContaining({ q: 'deploy', severity: 'SEV1' }),
    );
    // An unknown status is left out rather than sent.
    expect(lastRequest(api)?.status).toBeUndefined();
    expect(screen.getByLabelText('Search postmortems')).toHaveValue('deploy');
  });

  const requiredEntry = {
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
  };

  it('offers to write a required postmortem only to those who may write one', async () => {
    // Allowed on checkout-api, denied on payment-gateway.
    const permissionApi = permissionApiThat(
      request =>
        request.permission.name !== 'sre.postmortem.create' ||
        request.resourceRef === 'component:default/checkout-api',
    );
    const api = mockRunbooksAndPostmortemsApi({
      listRequiredPostmortems: jest.fn(async () => ({
        items: [
          requiredEntry,
          {
            ...requiredEntry,
            entityRefs: ['component:default/checkout-api'],
          },
        ],
        totalCount: 2,
      })),
    });
    await renderLibrary(api, '/', permissionApi);

    await userEvent.click(
      await screen.findByRole('button', {
        name: /2 incidents without the postmortem/,
      }),
    );
    // Once the allowed one's link is there, both answers have arrived.
    const links = await screen.findAllByRole('link', { name: 'write one' });
    expect(links).toHaveLength(1);
    expect(links[0]).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout-api/postmortems/new',
    );
    expect(screen.getAllByText(/no postmortem yet/)).toHaveLength(2);
    expect(permissionApi.requests).toContainEqual({
      permission: expect.objectContaining({ name: 'sre.postmortem.create' }),
      resourceRef: 'component:default/payment-gateway',
    });
  });

  it('lists incidents the error budget policy says still need a postmortem', async () => {
    const api = mockRunbooksAndPostmortemsApi({
      listRequiredPostmortems: jest.fn(async () => ({
        items: [requiredEntry],
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

  it('says so when the incidents that need a postmortem cannot be loaded, and retries', async () => {
    const listRequiredPostmortems = jest
      .fn()
      .mockRejectedValueOnce(new Error('backend down'))
      .mockResolvedValue({ items: [], totalCount: 0 });
    await renderLibrary(
      mockRunbooksAndPostmortemsApi({ listRequiredPostmortems }),
    );

    expect(
      await screen.findByText('Error: backend down', { selector: 'h6' }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() =>
      expect(screen.queryAllByText(/backend down/)).toHaveLength(0),
    );
    expect(listRequiredPostmortems).toHaveBeenCalledTimes(2);
  });
});

describe('RecentLearningsContent', () => {
  it('shows the lessons of the latest published postmortems with team and service', async () => {
    const api = mockRunbooksAndPostmortemsApi({
      listPostmortems: jest.fn(async () =>
        postmortemList(
          [{ ...fullPostmortem, status: 'published' }, quickPostmortem],
          30,
        ),
      ),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[sreApiRef, api]]}>
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
