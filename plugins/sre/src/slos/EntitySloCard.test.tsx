import { screen, within } from '@testing-library/react';
import { SreApi } from '../api';
import { mockSreApi } from '../__testUtils__/fixtures';
import {
  checkoutApi,
  healthySlo,
  invalidSloDocument,
  overspentSlo,
  pagingSlo,
  refusedSlo,
  sloList,
  staleSlo,
} from '../__testUtils__/sloFixtures';
import { EntitySloCard } from './EntitySloCard';
import { renderForEntity } from '../__testUtils__/renderForEntity';

function renderCard(api: SreApi) {
  return renderForEntity(<EntitySloCard />, api, checkoutApi, {
    withCatalog: true,
  });
}

describe('EntitySloCard', () => {
  it('shows each SLO on one line with its alert state and budget left, in the backend order', async () => {
    const api = mockSreApi({
      listSlos: jest.fn(async () =>
        sloList([overspentSlo, pagingSlo, healthySlo]),
      ),
    });
    await renderCard(api);

    const list = await screen.findByRole('list', { name: 'SLOs' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map(r => r.getAttribute('data-slo'))).toEqual([
      overspentSlo.sloRef,
      pagingSlo.sloRef,
      healthySlo.sloRef,
    ]);
    expect(rows[0]).toHaveTextContent('Refunds processed');
    expect(
      within(rows[0]).getByRole('img', { name: 'Error budget: 35% overspent' }),
    ).toBeInTheDocument();
    expect(within(rows[1]).getByLabelText('Alert: Page')).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent('42% left');
    expect(within(rows[2]).getByLabelText('Alert: OK')).toBeInTheDocument();
    expect(api.listSlos).toHaveBeenCalledWith(
      expect.objectContaining({ entityRef: 'component:default/checkout-api' }),
    );
  });

  it('says on its line when an SLO is stale or pushes to it were refused; a stale SLO is never OK', async () => {
    const onePush = {
      ...refusedSlo,
      refused: { ...refusedSlo.refused!, count: 1 },
    };
    await renderCard(
      mockSreApi({
        listSlos: jest.fn(async () => sloList([staleSlo, onePush, healthySlo])),
      }),
    );

    const list = await screen.findByRole('list', { name: 'SLOs' });
    const [stale, refused, healthy] = within(list).getAllByRole('listitem');
    expect(stale).toHaveTextContent(
      'Last evaluated 14 minutes ago; evaluation is behind',
    );
    expect(within(stale).getByLabelText('Alert: Stale')).toBeInTheDocument();
    expect(within(stale).queryByLabelText('Alert: OK')).toBeNull();
    expect(refused).toHaveTextContent(
      /1 push of SLI data was refused: bucket 2026-11-22T10:00:00Z overlaps a stored bucket \(last on Nov 22, 2026, .+\)/,
    );
    expect(healthy).not.toHaveTextContent(/refused|evaluation is behind/);
    expect(within(healthy).getByLabelText('Alert: OK')).toBeInTheDocument();
  });

  it('links to the SLOs tab of the entity', async () => {
    await renderCard(
      mockSreApi({ listSlos: jest.fn(async () => sloList([healthySlo])) }),
    );

    expect(
      await screen.findByRole('link', { name: /All SLO details/ }),
    ).toHaveAttribute('href', '/catalog/default/component/checkout-api/slos');
  });

  it('says when there are no SLOs, and points to the tab that explains how to add one', async () => {
    await renderCard(
      mockSreApi({
        listSlos: jest.fn(async () =>
          sloList([], { invalid: [invalidSloDocument] }),
        ),
      }),
    );

    expect(await screen.findByText(/No SLOs yet/)).toHaveTextContent(
      'No SLOs yet. How to add one (1 invalid SLO document)',
    );
    expect(
      screen.getByRole('link', { name: 'How to add one' }),
    ).toHaveAttribute('href', '/catalog/default/component/checkout-api/slos');
  });
});
