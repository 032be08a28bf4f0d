import { Entity } from '@backstage/catalog-model';
import { screen, waitFor, within } from '@testing-library/react';
import { SreApi } from '../../api';
import { mockSreApi } from '../../__testUtils__/fixtures';
import {
  checkoutApi,
  healthySlo,
  invalidSloDocument,
  noDataSlo,
  overspentSlo,
  pagingSlo,
  refusedSlo,
  sloList,
  staleSlo,
  storefrontSystem,
  timeslicesSlo,
  unavailableSlo,
} from '../../__testUtils__/sloFixtures';
import { EntitySloContent } from './EntitySloContent';
import { renderForEntity } from '../../__testUtils__/renderForEntity';

function renderContent(api: SreApi, entity: Entity = checkoutApi) {
  return renderForEntity(<EntitySloContent />, api, entity, {
    withCatalog: true,
  });
}

const withSlos = (...items: (typeof healthySlo)[]) =>
  mockSreApi({ listSlos: jest.fn(async () => sloList(items)) });

async function card(sloRef: string) {
  const cards = await screen.findAllByTestId('sre-slo-card');
  const found = cards.find(c => c.getAttribute('data-slo') === sloRef);
  if (!found) throw new Error(`No card for ${sloRef}`);
  return within(found);
}

describe('EntitySloContent', () => {
  it('asks for the SLOs of a Component by entityRef', async () => {
    const api = withSlos(healthySlo);
    await renderContent(api);

    await card(healthySlo.sloRef);
    expect(api.listSlos).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: 'component:default/checkout-api',
        system: undefined,
      }),
    );
  });

  it('asks for the SLOs of a System by system, and names the service of each', async () => {
    const api = withSlos(healthySlo);
    await renderContent(api, storefrontSystem);

    const slo = await card(healthySlo.sloRef);
    expect(api.listSlos).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: undefined,
        system: 'system:default/storefront',
      }),
    );
    expect(slo.getByRole('link', { name: 'checkout-api' })).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout-api',
    );
  });

  it('states the objective in words, the SLI, the budget in absolute terms and the data source', async () => {
    await renderContent(withSlos(healthySlo));

    const slo = await card(healthySlo.sloRef);
    expect(slo.getByText('Checkout availability')).toBeInTheDocument();
    expect(
      slo.getByText('99.9% of events are good over 28 days'),
    ).toBeInTheDocument();
    expect(slo.getByText('Shoppers can place orders.')).toBeInTheDocument();
    expect(slo.getByText('99.970%')).toBeInTheDocument();
    expect(slo.getByText('target 99.9%')).toBeInTheDocument();
    expect(
      slo.getByRole('img', { name: 'Error budget: 70% left' }),
    ).toBeInTheDocument();
    expect(
      slo.getByText('2,850 of 9,500 bad events allowed'),
    ).toBeInTheDocument();
    expect(slo.getByText('Data: built-in store')).toBeInTheDocument();
    expect(slo.getByLabelText('Alert: OK')).toHaveAttribute(
      'data-alert',
      'none',
    );
  });

  it('shows a negative budget as overspent, in full, never as an empty bar', async () => {
    await renderContent(withSlos(overspentSlo));

    const slo = await card(overspentSlo.sloRef);
    const bar = slo.getByRole('img', {
      name: 'Error budget: 35% overspent',
    });
    expect(bar).toHaveAttribute('data-overspent', 'true');
    expect(slo.getByText('35% overspent')).toBeInTheDocument();
    expect(
      slo.getByText('2,565 of 1,900 bad events allowed'),
    ).toBeInTheDocument();
    expect(slo.getByText('The error budget is spent.')).toBeInTheDocument();
    expect(
      slo.getByText('99.5% of events are good each calendar month'),
    ).toBeInTheDocument();
  });

  it('shows a page alert prominently and highlights the windows of the firing rule with their thresholds', async () => {
    await renderContent(withSlos(pagingSlo));

    const slo = await card(pagingSlo.sloRef);
    expect(slo.getByLabelText('Alert: Page')).toHaveAttribute(
      'data-alert',
      'page',
    );
    expect(
      slo.getByText('Budget gone in ~12 hours at the 1h burn rate'),
    ).toBeInTheDocument();

    const windows = within(slo.getByRole('list', { name: 'Burn rates' }));
    const firing = windows
      .getAllByRole('listitem')
      .filter(w => w.getAttribute('data-firing'))
      .map(w => [w.getAttribute('data-window'), w.getAttribute('data-firing')]);
    expect(firing).toEqual([
      ['5m', 'page'],
      ['1h', 'page'],
    ]);
    expect(
      windows.getByRole('listitem', {
        name: '1h burn rate 24.9×, in a firing page rule',
      }),
    ).toBeInTheDocument();
    expect(
      windows.getByRole('listitem', { name: '6h burn rate 4.6×' }),
    ).not.toHaveAttribute('data-firing');

    const rules = within(
      slo.getByRole('table', { name: 'Burn-rate alert rules' }),
    );
    const firingRow = rules.getByText('Firing').closest('tr')!;
    expect(firingRow).toHaveAttribute('data-firing', 'true');
    expect(firingRow).toHaveTextContent('14.4×');
    expect(firingRow).toHaveTextContent('1h: 24.9×');
    expect(firingRow).toHaveTextContent('5m: 25.3×');
    expect(rules.getAllByText('Not firing')).toHaveLength(3);
    expect(rules.getByText('6×')).toBeInTheDocument();
  });

  it('tells how to send data when an SLO has none yet', async () => {
    await renderContent(withSlos(noDataSlo));

    const slo = await card(noDataSlo.sloRef);
    expect(
      slo.getByText(
        'No SLI data has arrived yet. Push events to POST /api/sre/slos/default/checkout-api-latency/events or check the exporter.',
      ),
    ).toBeInTheDocument();
    expect(slo.getByLabelText('Alert: No data')).toHaveAttribute(
      'data-alert',
      'no-data',
    );
    expect(slo.queryByRole('list', { name: 'Burn rates' })).toBeNull();
  });

  it('says since when the data source is unavailable and that the status is the last known one', async () => {
    await renderContent(withSlos(unavailableSlo));

    const slo = await card(unavailableSlo.sloRef);
    expect(
      slo.getByText(
        /^The data source has been unavailable since Nov 20, 2026, .+: connect ECONNREFUSED 10\.0\.0\.5:9090\. Showing the last known status\.$/,
      ),
    ).toBeInTheDocument();
    expect(slo.getByText('Data: Prometheus (main)')).toBeInTheDocument();
    // The last known numbers and alert state stay visible.
    expect(
      slo.getByRole('img', { name: 'Error budget: 70% left' }),
    ).toBeInTheDocument();
    expect(slo.getByLabelText('Alert: OK')).toBeInTheDocument();
  });

  it('says when the evaluation is behind, and never shows the stale status as OK', async () => {
    const stalePaging = {
      ...pagingSlo,
      stale: { ageSeconds: 2 * 3600 },
    };
    await renderContent(withSlos(staleSlo, stalePaging));

    const slo = await card(staleSlo.sloRef);
    expect(slo.getByTestId('sre-slo-stale')).toHaveTextContent(
      /^Last evaluated 14 minutes ago; evaluation is behind, so the numbers and alert state shown are the last ones computed\./,
    );
    // The last numbers stay, marked; the alert chip is a warning, not OK.
    expect(
      slo.getByRole('img', { name: 'Error budget: 70% left' }),
    ).toBeInTheDocument();
    expect(slo.queryByLabelText('Alert: OK')).toBeNull();
    expect(slo.getByLabelText('Alert: Stale')).toHaveAttribute(
      'data-alert',
      'stale',
    );
    // A firing alert stays visible, marked stale.
    const paging = await card(pagingSlo.sloRef);
    expect(paging.getByLabelText('Alert: Page (stale)')).toBeInTheDocument();
    expect(paging.getByTestId('sre-slo-stale')).toHaveTextContent(
      'Last evaluated 2 hours ago; evaluation is behind',
    );
  });

  it('says how many pushes of SLI data were refused, why and when', async () => {
    await renderContent(withSlos(refusedSlo, healthySlo));

    const slo = await card(refusedSlo.sloRef);
    expect(slo.getByTestId('sre-slo-refused')).toHaveTextContent(
      /^3 pushes of SLI data were refused: bucket 2026-11-22T10:00:00Z overlaps a stored bucket \(last on Nov 22, 2026, .+\)\. Their data is not counted/,
    );
    const healthy = await card(healthySlo.sloRef);
    expect(healthy.queryByTestId('sre-slo-refused')).toBeNull();
    expect(healthy.queryByTestId('sre-slo-stale')).toBeNull();
  });

  it('says the state is unknown when the source is unavailable and nothing is known yet', async () => {
    const neverRead = {
      ...noDataSlo,
      source: { type: 'prometheus' as const },
      dataState: 'unavailable' as const,
      unavailableSince: '2026-11-22T11:00:00.000Z',
      lastError: 'Prometheus answered 503',
    };
    await renderContent(withSlos(neverRead));

    const slo = await card(neverRead.sloRef);
    expect(slo.getByLabelText('Alert: Unknown')).toHaveAttribute(
      'data-alert',
      'unknown',
    );
    expect(
      slo.getByText(
        /: Prometheus answered 503\. Showing the last known status\./,
      ),
    ).toBeInTheDocument();
    expect(slo.queryByText('SLI now')).toBeNull();
  });

  it('says time-slice objectives with the slice length from the status, and the budget in minutes', async () => {
    // The catalog is not asked: the status carries the slice length.
    await renderContent(withSlos(timeslicesSlo), checkoutApi);

    const slo = await card(timeslicesSlo.sloRef);
    expect(
      await slo.findByText('99.5% of 1-minute slices are good over 28 days'),
    ).toBeInTheDocument();
    expect(
      slo.getByText('72.6 of 201.6 bad minutes allowed'),
    ).toBeInTheDocument();
  });

  it('draws the budget burndown from the history', async () => {
    const api = withSlos(pagingSlo);
    await renderContent(api);

    const slo = await card(pagingSlo.sloRef);
    expect(
      await slo.findByRole('img', {
        name: 'Error budget remaining per day: 30% left on Nov 19, 20% overspent on Nov 21',
      }),
    ).toBeInTheDocument();
    expect(api.getSloHistory).toHaveBeenCalledWith(pagingSlo.sloRef, 30);
  });

  it('lists the invalid SLO documents of the service with their location and problems', async () => {
    await renderContent(
      mockSreApi({
        listSlos: jest.fn(async () =>
          sloList([healthySlo], { invalid: [invalidSloDocument] }),
        ),
      }),
    );

    expect(
      await screen.findByText(
        'Warning: 1 SLO document of this service is invalid',
      ),
    ).toBeInTheDocument();
    const doc = within(screen.getByTestId('sre-invalid-slo'));
    expect(
      doc.getByText('slo:default/checkout-api-errors'),
    ).toBeInTheDocument();
    expect(
      doc.getByText(
        'Location: url:https://github.com/northwind/checkout-api/blob/main/slos.yaml',
      ),
    ).toBeInTheDocument();
    expect(doc.getByText('spec.objectives[0].target')).toBeInTheDocument();
    expect(
      doc.getByText('target must be a number in [0, 1), not 99.9'),
    ).toBeInTheDocument();
    expect(doc.getByText('spec.timeWindow[0].duration')).toBeInTheDocument();
    // The valid SLO is still shown.
    await card(healthySlo.sloRef);
  });

  it('explains how to add an SLO when the service has none', async () => {
    await renderContent(withSlos());

    expect(
      await screen.findByText('This service has no SLO yet'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(document.querySelectorAll('pre').length).toBeGreaterThan(1),
    );
    const [slo, location] = Array.from(document.querySelectorAll('pre')).map(
      pre => pre.textContent ?? '',
    );
    expect(slo).toMatch(/apiVersion: openslo\/v1/);
    expect(slo).toMatch(/kind: SLO/);
    expect(slo).toMatch(/service: checkout-api/);
    expect(slo).toMatch(/type: builtin/);
    expect(slo).toMatch(/timeWindow:/);
    expect(slo).toMatch(/budgetingMethod: Occurrences/);
    expect(slo).toMatch(/objectives:\s+- target: 0\.999/);
    expect(location).toMatch(/catalog:\s+locations:/);
    expect(location).toMatch(/allow: \[SLO, SLI\]/);
  });

  it('shows the backend error with a retry', async () => {
    const api = mockSreApi({
      listSlos: jest.fn(async () => {
        throw new Error('backend down');
      }),
    });
    await renderContent(api);

    expect(await screen.findByRole('alert')).toHaveTextContent('backend down');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });
});
