import { screen, within } from '@testing-library/react';
import { SreApi } from '../api';
import {
  checkoutTeam,
  mockSreApi,
  teamSupport,
} from '../__testUtils__/fixtures';
import { EntityGroupSreCard } from './EntityGroupSreCard';
import { renderForEntity } from '../__testUtils__/renderForEntity';

function renderCard(api: SreApi) {
  return renderForEntity(<EntityGroupSreCard />, api, checkoutTeam);
}

describe('EntityGroupSreCard', () => {
  it('lists the services the team supports as SREs and how', async () => {
    const api = mockSreApi();
    await renderCard(api);

    expect(api.getTeamSupport).toHaveBeenCalledWith(
      'group:default/checkout-team',
    );
    const table = await screen.findByRole('table', {
      name: 'Services this team supports',
    });
    const row = within(table).getByText('checkout-api').closest('tr')!;
    expect(
      within(row).getByRole('link', { name: 'checkout-api' }),
    ).toHaveAttribute('href', '/catalog/default/component/checkout-api');
    expect(within(row).getByText('embedded')).toBeInTheDocument();
    expect(within(row).getByText('Embedded SRE')).toBeInTheDocument();
    expect(within(row).getByText('Holds network')).toBeInTheDocument();
    expect(
      within(row).getByRole('link', { name: 'priya.nair' }),
    ).toBeInTheDocument();
  });

  it('shows the Team Topologies type with its explanation and the owned services counts', async () => {
    await renderCard(mockSreApi());

    expect(await screen.findByText('stream-aligned')).toBeInTheDocument();
    expect(
      screen.getByText(/^Aligned to a flow of work from a business domain/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('services owned').previousSibling,
    ).toHaveTextContent('4');
    expect(
      screen.getByText('without SRE support').previousSibling,
    ).toHaveTextContent('1');
    expect(screen.getByText('with gaps').previousSibling).toHaveTextContent(
      '2',
    );
  });

  it('shows an empty state when the team supports no service', async () => {
    await renderCard(
      mockSreApi({
        getTeamSupport: jest.fn(async () => ({ ...teamSupport, supports: [] })),
      }),
    );

    expect(await screen.findByText('Supports no services')).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Services this team supports' }),
    ).not.toBeInTheDocument();
  });

  it('lists problems with the team annotations', async () => {
    await renderCard(
      mockSreApi({
        getTeamSupport: jest.fn(async () => ({
          ...teamSupport,
          teamType: undefined,
          problems: [
            {
              entityRef: 'group:default/checkout-team',
              annotation: 'sre-catalog.io/team-type',
              value: 'squad',
              message:
                'must be one of stream-aligned, platform, enabling, complicated-subsystem',
            },
          ],
        })),
      }),
    );

    expect(
      await screen.findByText('Warning: 1 problem with SRE annotations'),
    ).toBeInTheDocument();
    expect(screen.getByText('squad')).toBeInTheDocument();
    expect(
      screen.getByText(/No Team Topologies type declared/),
    ).toBeInTheDocument();
  });
});
