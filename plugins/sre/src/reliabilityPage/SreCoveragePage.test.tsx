import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SreApi, sreApiRef } from '../api';
import { coverage, mockSreApi } from '../__testUtils__/fixtures';
import { SreCoveragePage } from './SreCoveragePage';

// Selects and whole pages render slowly when the machine is busy.
jest.setTimeout(30_000);

function renderPage(api: SreApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[sreApiRef, api]]}>
      <SreCoveragePage />
    </TestApiProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

/** The table body rows of the services table, in display order. */
async function serviceRows() {
  const link = await screen.findByRole('link', { name: 'legacy-invoicing' });
  const tbody = link.closest('tbody')!;
  return within(tbody)
    .getAllByRole('row')
    .filter(row => row.querySelector('a'));
}

describe('SreCoveragePage', () => {
  it('has the page title and subtitle', async () => {
    await renderPage(mockSreApi());

    expect(
      await screen.findByRole('heading', { name: 'Reliability' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'SRE coverage, SLOs and postmortems across the organisation',
      ),
    ).toBeInTheDocument();
    // The coverage tab says what it shows.
    expect(
      screen.getByText(
        'Who is responsible for the reliability of each service',
      ),
    ).toBeInTheDocument();
  });

  it('shows the coverage at the page root, under the first of its tabs', async () => {
    await renderPage(mockSreApi());

    await serviceRows();
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map(t => t.textContent)).toEqual([
      'Coverage',
      'SLO review',
      'Postmortem library',
      'Recent learnings',
    ]);
    expect(tabs[0]).toHaveAttribute('aria-selected', 'true');
  });

  it('lists services without SRE support first, with their name and support state', async () => {
    const api = mockSreApi();
    await renderPage(api);

    const rows = await serviceRows();
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('legacy-invoicing');
    expect(rows[0]).toHaveTextContent('No SRE support');
    expect(rows[1]).toHaveTextContent('search-indexer');
    expect(within(rows[1]).getByText('on-call')).toBeInTheDocument();
    // A service with a title still shows its name.
    expect(rows[2]).toHaveTextContent('Payment Gateway');
    expect(rows[2]).toHaveTextContent('payment-gateway');
    expect(api.getCoverage).toHaveBeenCalledWith({
      owner: undefined,
      system: undefined,
    });
  });

  it('marks time-boxed engagements that have ended or end soon, and only those', async () => {
    const [legacy, search, gateway] = coverage.services;
    const api = mockSreApi({
      getCoverage: jest.fn(async () => ({
        ...coverage,
        services: [
          legacy,
          {
            ...search,
            engagementUntil: '2026-12-14',
            engagementExpiry: 'expiring' as const,
          },
          {
            ...gateway,
            engagementUntil: '2026-11-20',
            engagementExpiry: 'expired' as const,
          },
        ],
      })),
    });
    await renderPage(api);
    const rows = await serviceRows();
    expect(rows[1]).toHaveTextContent('Time-boxed: ends Dec 14, 2026');
    expect(rows[2]).toHaveTextContent('Time box ended Nov 20, 2026');
    expect(rows[0]).not.toHaveTextContent('Time');
  });

  it('summarises the coverage in tiles and a chart per engagement model', async () => {
    await renderPage(mockSreApi());

    const tile = (label: string) => screen.findByRole('group', { name: label });
    expect(await tile('Services')).toHaveTextContent('3');
    expect(await tile('Without SRE support')).toHaveTextContent('1');
    expect(await tile('With gaps')).toHaveTextContent('1');
    expect(await tile('With annotation problems')).toHaveTextContent('1');
    expect(
      screen.getByRole('img', { name: /Services per engagement model/ }),
    ).toHaveAccessibleName(
      'Services per engagement model: embedded: 1, central: 1, enabling: 0, platform: 0, hybrid: 0, none: 1, undeclared: 0',
    );
  });

  it('asks the API for the chosen team and System', async () => {
    const api = mockSreApi();
    await renderPage(api);
    await serviceRows();

    const user = userEvent.setup();
    await user.click(
      within(screen.getByTestId('sre-filter-owner')).getByRole('button'),
    );
    await user.click(
      await screen.findByRole('option', { name: 'payments-team' }),
    );

    await waitFor(() =>
      expect(api.getCoverage).toHaveBeenLastCalledWith({
        owner: 'group:default/payments-team',
        system: undefined,
      }),
    );

    await user.click(
      within(screen.getByTestId('sre-filter-system')).getByRole('button'),
    );
    await user.click(await screen.findByRole('option', { name: 'storefront' }));

    await waitFor(() =>
      expect(api.getCoverage).toHaveBeenLastCalledWith({
        owner: 'group:default/payments-team',
        system: 'system:default/storefront',
      }),
    );
  });

  it('keeps every team as a filter option after filtering', async () => {
    const api = mockSreApi();
    await renderPage(api);
    await serviceRows();
    api.getCoverage.mockResolvedValue({
      ...coverage,
      services: coverage.services.filter(
        s => s.owner === 'group:default/payments-team',
      ),
    });

    const user = userEvent.setup();
    const owner = within(screen.getByTestId('sre-filter-owner'));
    await user.click(owner.getByRole('button'));
    await user.click(
      await screen.findByRole('option', { name: 'payments-team' }),
    );
    await waitFor(() =>
      expect(screen.queryByText('search-indexer')).not.toBeInTheDocument(),
    );

    await user.click(owner.getByRole('button'));
    expect(
      await screen.findByRole('option', { name: 'catalog-search-team' }),
    ).toBeInTheDocument();
  });

  it('shows an empty state when there are no services', async () => {
    await renderPage(
      mockSreApi({
        getCoverage: jest.fn(async () => ({
          totals: { ...coverage.totals, services: 0 },
          services: [],
        })),
      }),
    );

    expect(
      await screen.findByText('No services in the catalog yet'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    await renderPage(
      mockSreApi({
        getCoverage: jest.fn(async () => {
          throw new Error('backend down');
        }),
      }),
    );

    expect(await screen.findByRole('alert')).toHaveTextContent('backend down');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });
});
