import { screen, within } from '@testing-library/react';
import { SreApi } from '../api';
import { checkoutTeam, mockSreApi } from '../__testUtils__/fixtures';
import {
  healthySlo,
  overspentSlo,
  pagingSlo,
  sloList,
} from '../__testUtils__/sloFixtures';
import { EntityGroupSloCard } from './EntityGroupSloCard';
import { renderForEntity } from '../__testUtils__/renderForEntity';

function renderCard(api: SreApi, mountReview = true) {
  return renderForEntity(<EntityGroupSloCard />, api, checkoutTeam, {
    withCatalog: true,
    mountSrePage: mountReview,
  });
}

describe('EntityGroupSloCard', () => {
  it('lists the SLOs of the services the team owns or supports, least budget left first', async () => {
    const api = mockSreApi({
      listSlos: jest.fn(async () =>
        sloList([overspentSlo, pagingSlo, healthySlo], { totalCount: 7 }),
      ),
    });
    await renderCard(api);

    const table = await screen.findByRole('table', {
      name: "SLOs of the team's services",
    });
    expect(api.listSlos).toHaveBeenCalledWith(
      expect.objectContaining({
        owner: 'group:default/checkout-team',
        limit: 20,
      }),
    );
    const rows = within(table)
      .getAllByRole('row')
      .filter(r => r.getAttribute('data-slo'));
    expect(rows.map(r => r.getAttribute('data-slo'))).toEqual([
      overspentSlo.sloRef,
      pagingSlo.sloRef,
      healthySlo.sloRef,
    ]);
    expect(
      within(rows[0]).getByRole('link', { name: 'Refunds processed' }),
    ).toHaveAttribute('href', '/catalog/default/component/refund-service/slos');
    expect(
      within(rows[0]).getByRole('link', { name: 'refund-service' }),
    ).toHaveAttribute('href', '/catalog/default/component/refund-service');
    expect(rows[0]).toHaveTextContent('35% overspent');
    expect(rows[1]).toHaveTextContent('Page');
    expect(rows[2]).toHaveTextContent('99.970%');
    expect(
      screen.getByText('Showing the 3 with the least budget left of 7.'),
    ).toBeInTheDocument();
  });

  it('links to the SLO review filtered by the team', async () => {
    await renderCard(
      mockSreApi({ listSlos: jest.fn(async () => sloList([healthySlo])) }),
    );

    expect(
      await screen.findByRole('link', { name: /Open in the SLO review/ }),
    ).toHaveAttribute(
      'href',
      '/sre/slo-review?owner=group%3Adefault%2Fcheckout-team',
    );
  });

  it('works without the SRE page mounted, without the review link', async () => {
    await renderCard(
      mockSreApi({ listSlos: jest.fn(async () => sloList([healthySlo])) }),
      false,
    );

    expect(
      await screen.findByRole('table', { name: "SLOs of the team's services" }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: /Open in the SLO review/ }),
    ).not.toBeInTheDocument();
  });

  it('shows an empty state when none of the services has an SLO', async () => {
    await renderCard(mockSreApi());

    expect(await screen.findByText('No SLOs')).toBeInTheDocument();
  });
});
