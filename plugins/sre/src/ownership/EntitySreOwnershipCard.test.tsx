import { ResponseError } from '@backstage/errors';
import { ENGAGEMENT_DESCRIPTIONS } from '@sre-catalog/backstage-plugin-sre-common';
import { screen, waitFor, within } from '@testing-library/react';
import { SreApi } from '../api';
import {
  mockSreApi,
  paymentGateway,
  unannotatedOwnership,
} from '../__testUtils__/fixtures';
import { EntitySreOwnershipCard } from './EntitySreOwnershipCard';
import { renderForEntity } from '../__testUtils__/renderForEntity';

function renderCard(api: SreApi) {
  return renderForEntity(<EntitySreOwnershipCard />, api, paymentGateway);
}

describe('EntitySreOwnershipCard', () => {
  it('asks for the ownership of the current entity', async () => {
    const api = mockSreApi();
    await renderCard(api);

    expect(await screen.findByText('SRE ownership')).toBeInTheDocument();
    expect(api.getOwnership).toHaveBeenCalledWith(
      'component:default/payment-gateway',
    );
  });

  it('shows the engagement model, its explanation and that it is inherited from the system', async () => {
    await renderCard(mockSreApi());

    const card = await screen.findByTestId('sre-ownership-card');
    expect(await within(card).findByText('central')).toBeInTheDocument();
    expect(
      within(card).getByText(ENGAGEMENT_DESCRIPTIONS.central),
    ).toBeInTheDocument();
    expect(within(card).getByText(/Inherited from/)).toBeInTheDocument();
    expect(
      within(card).getByRole('link', { name: 'system:default/payments' }),
    ).toHaveAttribute('href', '/catalog/default/system/payments');
  });

  it('highlights an area nobody holds as a gap and counts the gaps', async () => {
    await renderCard(mockSreApi());

    const gap = await screen.findByText('Gap: nobody holds on-call');
    const gapRow = gap.closest('tr')!;
    expect(gapRow).toHaveAttribute('data-gap', 'true');
    expect(gapRow.className).toMatch(/gapRow/);
    expect(within(gapRow).getByText('Gap')).toBeInTheDocument();
    expect(within(gapRow).getByText('entity')).toBeInTheDocument();

    const heldRow = screen.getByText('network').closest('tr')!;
    expect(heldRow).not.toHaveAttribute('data-gap');
    expect(within(heldRow).queryByText('Gap')).not.toBeInTheDocument();
    expect(within(heldRow).getByText('system')).toBeInTheDocument();

    expect(screen.getByText('1 gap')).toBeInTheDocument();
  });

  it('names each bad annotation with its value and what is wrong', async () => {
    await renderCard(mockSreApi());

    expect(
      await screen.findByText('Warning: 1 problem with SRE annotations'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('sre-catalog.io/interaction-mode'),
    ).toBeInTheDocument();
    expect(screen.getByText('telepathy')).toBeInTheDocument();
    expect(
      screen.getByText(
        'must be one of collaboration, x-as-a-service, facilitating',
      ),
    ).toBeInTheDocument();
  });

  it('shows the central SRE team as an entity link', async () => {
    await renderCard(mockSreApi());

    const link = await screen.findAllByRole('link', {
      name: /reliability-engineering/,
    });
    expect(link[0]).toHaveAttribute(
      'href',
      '/catalog/default/group/reliability-engineering',
    );
  });

  it('tells the owner which annotations to add when nothing is declared, and still shows the baseline', async () => {
    await renderCard(
      mockSreApi({ getOwnership: jest.fn(async () => unannotatedOwnership) }),
    );

    const card = await screen.findByTestId('sre-ownership-card');
    expect(
      await within(card).findByText('No SRE ownership declared'),
    ).toBeInTheDocument();
    await waitFor(() => expect(card.querySelector('pre')).not.toBeNull());
    const snippet = card.querySelector('pre')!.textContent;
    expect(snippet).toMatch(/sre-catalog\.io\/engagement: \w+/);
    expect(snippet).toMatch(/sre-catalog\.io\/embedded-sres: user:default\//);
    expect(snippet).toMatch(/sre-catalog\.io\/central-sre: group:default\//);
    expect(
      within(card).getByText('Baseline responsibilities'),
    ).toBeInTheDocument();
    expect(
      within(card).getByText('Gap: nobody holds database-operations'),
    ).toBeInTheDocument();
    expect(within(card).getByText('release')).toBeInTheDocument();
  });

  it('does not show the annotation help when the entity declares its ownership', async () => {
    await renderCard(mockSreApi());

    await screen.findByText('Responsibilities');
    expect(
      screen.queryByText('No SRE ownership declared'),
    ).not.toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    const response = new Response(
      JSON.stringify({
        error: { name: 'NotFoundError', message: 'No such entity' },
        response: { statusCode: 404 },
      }),
      { status: 404, headers: { 'Content-Type': 'application/json' } },
    );
    const error = await ResponseError.fromResponse(response);
    await renderCard(
      mockSreApi({ getOwnership: jest.fn(async () => Promise.reject(error)) }),
    );

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('No such entity');
    expect(screen.queryByText('Responsibilities')).not.toBeInTheDocument();
  });
});
