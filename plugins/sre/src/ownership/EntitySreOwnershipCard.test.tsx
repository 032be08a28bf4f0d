import { ResponseError } from '@backstage/errors';
import {
  ENGAGEMENT_DESCRIPTIONS,
  Ownership,
} from '@sre-catalog/backstage-plugin-sre-common';
import { screen, waitFor, within } from '@testing-library/react';
import { SreApi } from '../api';
import {
  inheritedOwnership,
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

  describe('a time-boxed engagement', () => {
    // Only Date is faked: the card's requests and RTL's waitFor keep real timers.
    beforeEach(() => {
      jest.useFakeTimers({
        now: new Date('2026-12-04T10:00:00Z'),
        doNotFake: [
          'hrtime',
          'nextTick',
          'performance',
          'queueMicrotask',
          'requestAnimationFrame',
          'cancelAnimationFrame',
          'requestIdleCallback',
          'cancelIdleCallback',
          'setImmediate',
          'clearImmediate',
          'setInterval',
          'clearInterval',
          'setTimeout',
          'clearTimeout',
        ],
      });
    });
    afterEach(() => {
      jest.useRealTimers();
    });

    function renderTimeBoxed(timeBox: Partial<Ownership>) {
      // Without annotation problems: their panel is an alert of its own.
      const ownership: Ownership = {
        ...inheritedOwnership,
        problems: [],
        ...timeBox,
      };
      return renderCard(
        mockSreApi({ getOwnership: jest.fn(async () => ownership) }),
      );
    }

    it('says in a caption when an active engagement ends and what follows, without an alert', async () => {
      await renderTimeBoxed({
        engagementUntil: '2027-03-31',
        engagementThen: 'platform',
        engagementExpiry: 'active',
      });

      const line = await screen.findByTestId('sre-engagement-time-box');
      expect(line).toHaveTextContent(
        'Time-boxed: central SRE support ends on Mar 31, 2027 (in 117 days); then platform.',
      );
      expect(line.closest('[role="alert"]')).toBeNull();
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    });

    it('warns with the days left and what follows when the engagement is expiring', async () => {
      await renderTimeBoxed({
        engagementUntil: '2026-12-14',
        engagementThen: 'platform',
        engagementExpiry: 'expiring',
      });

      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent(
        'Time-boxed: central SRE support ends on Dec 14, 2026 (in 10 days); then platform.',
      );
      expect(alert.className).toMatch(/standardWarning/);
    });

    it('tells which annotations to update once the engagement has expired', async () => {
      await renderTimeBoxed({
        engagementUntil: '2026-11-20',
        engagementThen: 'platform',
        engagementExpiry: 'expired',
      });

      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent(
        'Ended on Nov 20, 2026 (14 days ago); the annotations still say central — update sre-catalog.io/engagement to platform or extend sre-catalog.io/engagement-until.',
      );
      expect(alert.className).toMatch(/standardError/);
      expect(within(alert).getByText('sre-catalog.io/engagement').tagName).toBe(
        'CODE',
      );
      expect(
        within(alert).getByText('sre-catalog.io/engagement-until').tagName,
      ).toBe('CODE');
    });

    it('shows nothing about a time box when the engagement has none', async () => {
      await renderCard(mockSreApi());

      await screen.findByText('Responsibilities');
      expect(
        screen.queryByTestId('sre-engagement-time-box'),
      ).not.toBeInTheDocument();
      expect(screen.queryByText(/Time-boxed/)).not.toBeInTheDocument();
      expect(screen.queryByText(/Ended on/)).not.toBeInTheDocument();
    });
  });
});
