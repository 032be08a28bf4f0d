import { Entity } from '@backstage/catalog-model';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SreApi, sreApiRef } from '../../api';
import { mockSreApi } from '../../__testUtils__/fixtures';
import {
  healthySlo,
  noDataSlo,
  overspentSlo,
  pagingSlo,
  refusedSlo,
  sloList,
  staleSlo,
  unavailableSlo,
} from '../../__testUtils__/sloFixtures';
import { SreCoveragePage } from '../../reliabilityPage/SreCoveragePage';

// Selects and whole pages render slowly when the machine is busy.
jest.setTimeout(30_000);

const entity = (kind: string, name: string, title?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', title },
  spec: {},
});

const catalogEntities = [
  entity('Group', 'payments-team'),
  entity('Group', 'checkout-team', 'Checkout'),
  entity('System', 'payments'),
  entity('System', 'storefront'),
  entity('Component', 'checkout-api'),
];

function renderReview(api: SreApi, route = '/slo-review') {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [sreApiRef, api],
        [catalogApiRef, catalogApiMock({ entities: catalogEntities })],
      ]}
    >
      <SreCoveragePage />
    </TestApiProvider>,
    {
      routeEntries: [route],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

const reviewApi = () =>
  mockSreApi({
    listSlos: jest.fn(async () =>
      sloList([overspentSlo, pagingSlo, healthySlo, noDataSlo], {
        totalCount: 45,
      }),
    ),
  });

async function sloRows() {
  const table = await screen.findByRole('table', { name: 'SLOs' });
  return within(table)
    .getAllByRole('row')
    .filter(row => row.getAttribute('data-slo'));
}

async function choose(testId: string, option: string) {
  const user = userEvent.setup();
  await user.click(within(screen.getByTestId(testId)).getByRole('button'));
  await user.click(await screen.findByRole('option', { name: option }));
}

describe('SLO review', () => {
  it('is a tab of the SRE page after Coverage', async () => {
    await renderReview(reviewApi());

    const tabs = await screen.findAllByRole('tab');
    // Which tab is selected depends on the app's splat route (/sre/*): the alpha
    // test covers it in a full app.
    expect(tabs.map(t => t.textContent)).toEqual([
      'Coverage',
      'SLO review',
      'Postmortem library',
      'Recent learnings',
    ]);
    expect(
      await screen.findByText(/least error budget left first/),
    ).toBeInTheDocument();
  });

  it('shows the SLO evaluation panel above the list, and marks stale rows and refused pushes', async () => {
    const api = mockSreApi({
      listSlos: jest.fn(async () => sloList([staleSlo, refusedSlo])),
    });
    await renderReview(api);

    const panel = await screen.findByTestId('sre-slo-evaluation');
    expect(
      await within(panel).findByTestId('sre-slo-evaluation-summary'),
    ).toHaveTextContent(/^Evaluation keeps up: it runs every 30 seconds/);
    const [stale, refused] = await sloRows();
    expect(stale).toHaveTextContent(
      'Evaluation behindbuilt-in storeLast evaluated 14 minutes ago; evaluation is behind',
    );
    expect(within(stale).getByLabelText('Alert: Stale')).toBeInTheDocument();
    expect(refused).toHaveTextContent(
      '3 pushes of SLI data were refused: bucket 2026-11-22T10:00:00Z overlaps a stored bucket',
    );
  });

  it('lists every SLO in the backend order, least budget first, with the review columns', async () => {
    const api = reviewApi();
    await renderReview(api);

    const rows = await sloRows();
    expect(api.listSlos).toHaveBeenCalledWith({
      owner: undefined,
      system: undefined,
      alert: undefined,
      entityRef: undefined,
      orderBy: 'budget',
      limit: 20,
      offset: 0,
    });
    expect(rows.map(r => r.getAttribute('data-slo'))).toEqual([
      overspentSlo.sloRef,
      pagingSlo.sloRef,
      healthySlo.sloRef,
      noDataSlo.sloRef,
    ]);

    const headers = within(screen.getByRole('table', { name: 'SLOs' }))
      .getAllByRole('columnheader')
      .map(h => h.textContent);
    expect(headers).toEqual([
      'SLO',
      'Service',
      'Alert',
      'SLI',
      'Error budget',
      '1h burn',
      '6h burn',
      '3d burn',
      'Data',
    ]);

    const paging = within(rows[1]);
    expect(
      paging.getByRole('link', { name: 'Card authorisations' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payment-gateway/slos',
    );
    expect(
      paging.getByText('99.95% of events are good over 30 days'),
    ).toBeInTheDocument();
    expect(
      paging.getByRole('link', { name: 'payment-gateway' }),
    ).toBeInTheDocument();
    expect(paging.getByLabelText('Alert: Page')).toBeInTheDocument();
    expect(paging.getByText('99.9710%')).toBeInTheDocument();
    // The 1h window is part of the firing page rule; 6h and 3d are not.
    const burns = rows[1].querySelectorAll('td[data-firing]');
    expect(Array.from(burns).map(td => td.textContent)).toEqual(['24.9×']);
    expect(rows[1]).toHaveTextContent('4.6×');
    expect(rows[1]).toHaveTextContent('0.62×');

    expect(
      within(rows[0]).getByRole('img', { name: 'Error budget: 35% overspent' }),
    ).toBeInTheDocument();
    expect(rows[3]).toHaveTextContent('No data yet');
    expect(screen.getByText('1–20 of 45')).toBeInTheDocument();
  });

  it('asks the backend for the chosen team, System and alert state', async () => {
    const api = reviewApi();
    await renderReview(api);
    await sloRows();

    await choose('sre-slo-filter-owner', 'payments-team');
    await waitFor(() =>
      expect(api.listSlos).toHaveBeenLastCalledWith(
        expect.objectContaining({
          owner: 'group:default/payments-team',
          offset: 0,
        }),
      ),
    );

    await choose('sre-slo-filter-alert', 'Page');
    await waitFor(() =>
      expect(api.listSlos).toHaveBeenLastCalledWith(
        expect.objectContaining({
          owner: 'group:default/payments-team',
          alert: 'page',
        }),
      ),
    );

    await choose('sre-slo-filter-system', 'storefront');
    await waitFor(() =>
      expect(api.listSlos).toHaveBeenLastCalledWith(
        expect.objectContaining({
          owner: 'group:default/payments-team',
          system: 'system:default/storefront',
          alert: 'page',
        }),
      ),
    );

    await choose('sre-slo-filter-alert', 'OK');
    await waitFor(() =>
      expect(api.listSlos).toHaveBeenLastCalledWith(
        expect.objectContaining({ alert: 'none' }),
      ),
    );
  }, 20_000);

  it('offers the teams and Systems of the catalog', async () => {
    await renderReview(reviewApi());
    await sloRows();

    const user = userEvent.setup();
    await user.click(
      within(screen.getByTestId('sre-slo-filter-owner')).getByRole('button'),
    );
    const teams = (await screen.findAllByRole('option')).map(
      o => o.textContent,
    );
    expect(teams).toEqual([
      'All teams',
      'Checkout (checkout-team)',
      'payments-team',
    ]);
  });

  it('pages through the backend with limit and offset', async () => {
    const api = reviewApi();
    await renderReview(api);
    await sloRows();

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(api.listSlos).toHaveBeenLastCalledWith(
        expect.objectContaining({ limit: 20, offset: 20 }),
      ),
    );
    expect(await screen.findByText('21–40 of 45')).toBeInTheDocument();
  });

  it('starts with the filters of the link, e.g. from a team page', async () => {
    const api = reviewApi();
    await renderReview(
      api,
      '/slo-review?owner=group%3Adefault%2Fcheckout-team&alert=ticket',
    );
    await sloRows();

    expect(api.listSlos).toHaveBeenCalledWith(
      expect.objectContaining({
        owner: 'group:default/checkout-team',
        alert: 'ticket',
      }),
    );
    expect(
      within(screen.getByTestId('sre-slo-filter-owner')).getByRole('button'),
    ).toHaveTextContent('Checkout (checkout-team)');
  });

  it('shows since when a source is unavailable', async () => {
    await renderReview(
      mockSreApi({ listSlos: jest.fn(async () => sloList([unavailableSlo])) }),
    );

    const [row] = await sloRows();
    expect(row).toHaveTextContent(/Unavailable since Nov 20, 2026/);
    expect(row).toHaveTextContent('Prometheus (main)');
  });

  it('says when no SLO matches the filters', async () => {
    await renderReview(
      mockSreApi({ listSlos: jest.fn(async () => sloList([])) }),
      '/slo-review?alert=page',
    );

    expect(
      await screen.findByText('No SLOs match these filters'),
    ).toBeInTheDocument();
  });
});
