import { screen, within } from '@testing-library/react';
import { SreApi } from '../api';
import {
  checkoutTeamEntity,
  mockRunbooksAndPostmortemsApi,
  overdueEntry,
  postmortemList,
  quickPostmortem,
} from '../__testUtils__/runbookPostmortemFixtures';
import { GroupPostmortemsCard } from './GroupPostmortemsCard';
import { renderForEntity } from '../__testUtils__/renderForEntity';

function renderCard(api: SreApi, mountSrePage = true) {
  return renderForEntity(<GroupPostmortemsCard />, api, checkoutTeamEntity, {
    mountSrePage,
  });
}

describe('GroupPostmortemsCard', () => {
  it("shows the team's overdue action items, linked to their postmortem", async () => {
    const api = mockRunbooksAndPostmortemsApi({
      listActionItems: jest.fn(async () => ({
        items: [overdueEntry],
        totalCount: 1,
      })),
    });
    await renderCard(api);

    const table = await screen.findByRole('table', {
      name: 'Overdue action items of the team',
    });
    expect(api.listActionItems).toHaveBeenCalledWith(
      expect.objectContaining({
        team: 'group:default/checkout-team',
        overdue: true,
      }),
    );
    const row = within(table)
      .getAllByRole('row')
      .find(r => r.getAttribute('data-action-item') === 'ai-1')!;
    expect(row).toHaveAttribute('data-overdue', 'true');
    expect(row).toHaveTextContent('Validate config pushes in CI');
    expect(within(row).getByText('Overdue')).toBeInTheDocument();
    expect(
      within(row).getByRole('link', {
        name: 'Checkout 5xx after a config push',
      }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout-api/postmortems/pm-quick-1',
    );
  });

  it("lists the latest postmortems of the team's services and links to the library", async () => {
    const api = mockRunbooksAndPostmortemsApi({
      listPostmortems: jest.fn(async () =>
        postmortemList([quickPostmortem], 12),
      ),
    });
    await renderCard(api);

    const table = await screen.findByRole('table', {
      name: "Postmortems of the team's services",
    });
    expect(api.listPostmortems).toHaveBeenCalledWith(
      expect.objectContaining({
        owner: 'group:default/checkout-team',
        limit: 5,
      }),
    );
    expect(table).toHaveTextContent('Checkout 5xx after a config push');
    expect(screen.getByText(/The latest 1 of 12/)).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Open in the postmortem library/ }),
    ).toHaveAttribute(
      'href',
      '/sre/postmortems?owner=group%3Adefault%2Fcheckout-team',
    );
    expect(
      await screen.findByText('No overdue action items. Well done.'),
    ).toBeInTheDocument();
  });

  it('works without the SRE page mounted, and says when there is nothing', async () => {
    await renderCard(mockRunbooksAndPostmortemsApi(), false);

    expect(await screen.findByText('No postmortems')).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: /Open in the postmortem library/ }),
    ).toBeNull();
  });
});
