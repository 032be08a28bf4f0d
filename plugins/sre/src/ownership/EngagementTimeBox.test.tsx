import { Ownership } from '@sre-catalog/backstage-plugin-sre-common';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { inheritedOwnership } from '../__testUtils__/fixtures';
import { EngagementTimeBox } from './EngagementTimeBox';

const now = new Date('2026-12-04T23:30:00Z');

function renderTimeBox(timeBox: Partial<Ownership>) {
  return renderInTestApp(
    <EngagementTimeBox
      ownership={{ ...inheritedOwnership, ...timeBox }}
      now={now}
    />,
  );
}

describe('EngagementTimeBox', () => {
  it('counts the days from the UTC day of now and says today on the last day', async () => {
    await renderTimeBox({
      engagementUntil: '2026-12-04',
      engagementThen: 'platform',
      engagementExpiry: 'expiring',
    });

    expect(screen.getByRole('alert')).toHaveTextContent(
      'Time-boxed: central SRE support ends on Dec 4, 2026 (today); then platform.',
    );
  });

  it('says one day, and no SRE support when nothing follows', async () => {
    await renderTimeBox({
      engagementUntil: '2026-12-05',
      engagementThen: 'none',
      engagementExpiry: 'expiring',
    });

    expect(screen.getByRole('alert')).toHaveTextContent(
      'Time-boxed: central SRE support ends on Dec 5, 2026 (in 1 day); then no SRE support.',
    );
  });

  it('names the missing follow-up annotation when engagement-then is absent', async () => {
    await renderTimeBox({
      engagementUntil: '2027-03-31',
      engagementExpiry: 'active',
    });

    expect(screen.getByTestId('sre-engagement-time-box')).toHaveTextContent(
      'Time-boxed: central SRE support ends on Mar 31, 2027 (in 117 days); what follows is not declared (sre-catalog.io/engagement-then).',
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('asks to update the engagement or extend it when it ended yesterday without a follow-up', async () => {
    await renderTimeBox({
      engagementUntil: '2026-12-03',
      engagementExpiry: 'expired',
    });

    expect(screen.getByRole('alert')).toHaveTextContent(
      'Ended on Dec 3, 2026 (1 day ago); the annotations still say central — update sre-catalog.io/engagement or extend sre-catalog.io/engagement-until.',
    );
  });

  it('renders nothing without a time box', async () => {
    const { container } = await renderTimeBox({});

    expect(container).toBeEmptyDOMElement();
  });
});
