import { Entity } from '@backstage/catalog-model';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EntityRunbooksResponse } from '@sre-catalog/backstage-plugin-sre-common';
import { SreApi } from '../../api';
import {
  checkoutApiEntity,
  mockRunbooksAndPostmortemsApi,
  noRunbooks,
  runbooks,
} from '../../__testUtils__/runbookPostmortemFixtures';
import { EntityRunbooksContent } from './EntityRunbooksContent';
import { renderForEntity } from '../../__testUtils__/renderForEntity';

function renderContent(
  api: SreApi,
  entity: Entity = checkoutApiEntity,
  route = '/',
) {
  return renderForEntity(<EntityRunbooksContent />, api, entity, { route });
}

const withRunbooks = (response: EntityRunbooksResponse) =>
  mockRunbooksAndPostmortemsApi({ getRunbooks: jest.fn(async () => response) });

function rowOf(table: HTMLElement, attribute: string, value: string) {
  const row = within(table)
    .getAllByRole('row')
    .find(r => r.getAttribute(attribute) === value);
  if (!row) throw new Error(`No row with ${attribute}=${value}`);
  return row;
}

describe('EntityRunbooksContent', () => {
  it('lists every runbook with its source, alerts and review, for the entity', async () => {
    const api = withRunbooks(runbooks);
    await renderContent(api);

    const table = await screen.findByRole('table', { name: 'Runbooks' });
    expect(api.getRunbooks).toHaveBeenCalledWith(
      'component:default/checkout-api',
    );
    const file = rowOf(table, 'data-runbook', runbooks.runbooks[0].id);
    expect(file).toHaveTextContent('Checkout error rate too high');
    expect(file).toHaveTextContent('Repository file');
    expect(file).toHaveTextContent('checkout-api-availability:page');
    expect(file).not.toHaveTextContent('Stale');

    // An external runbook opens its URL.
    const link = rowOf(table, 'data-runbook', runbooks.runbooks[1].id);
    expect(
      within(link).getByRole('link', { name: /Checkout on-call handbook/ }),
    ).toHaveAttribute(
      'href',
      'https://wiki.northwind.example/checkout/on-call-handbook',
    );
    expect(link).toHaveTextContent('Catalog link');
  });

  it('marks stale runbooks, saying "never reviewed" when there is no review date', async () => {
    await renderContent(withRunbooks(runbooks));

    const table = await screen.findByRole('table', { name: 'Runbooks' });
    const neverReviewed = rowOf(table, 'data-runbook', runbooks.runbooks[1].id);
    expect(neverReviewed).toHaveTextContent('never reviewed');
    expect(within(neverReviewed).getByText('Stale')).toBeInTheDocument();

    const old = rowOf(table, 'data-runbook', runbooks.runbooks[2].id);
    expect(within(old).getByText('Stale')).toBeInTheDocument();
    expect(old).not.toHaveTextContent('never reviewed');
    expect(
      screen.getByText('2 of 3 not reviewed in the last 180 days'),
    ).toBeInTheDocument();
  });

  it('shows which runbooks cover each alert and highlights the uncovered ones', async () => {
    await renderContent(withRunbooks(runbooks));

    const table = await screen.findByRole('table', { name: 'Alert coverage' });
    expect(
      screen.getByText('1 of 3 alerts have no runbook'),
    ).toBeInTheDocument();
    const uncovered = rowOf(
      table,
      'data-alert',
      'checkout-api-availability:ticket',
    );
    expect(uncovered).toHaveAttribute('data-uncovered', 'true');
    expect(within(uncovered).getByText('No runbook')).toBeInTheDocument();

    const covered = rowOf(
      table,
      'data-alert',
      'checkout-api-availability:page',
    );
    expect(covered).not.toHaveAttribute('data-uncovered');
    expect(covered).toHaveTextContent('Checkout error rate too high');
    expect(
      within(covered).getByRole('link', { name: /checkout-api-availability/ }),
    ).toHaveAttribute('href', '/catalog/default/slo/checkout-api-availability');
  });

  it('lists the problems reading the runbooks in a warning panel', async () => {
    await renderContent(withRunbooks(runbooks));

    expect(
      await screen.findByText(/1 problem reading the runbooks/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('the front matter is not valid YAML'),
    ).toBeInTheDocument();
    expect(screen.getByText('broken.md')).toBeInTheDocument();
  });

  it('renders the first readable runbook, and another one when it is chosen', async () => {
    await renderContent(withRunbooks(runbooks));

    const viewer = await screen.findByTestId('sre-runbook-viewer');
    expect(
      within(viewer).getByRole('heading', {
        name: 'Checkout error rate too high',
        level: 1,
      }),
    ).toBeInTheDocument();
    expect(within(viewer).getByText('checkout dashboard').tagName).toBe(
      'STRONG',
    );

    await userEvent.click(
      within(screen.getByRole('table', { name: 'Runbooks' })).getByRole(
        'button',
        { name: 'Stock reservations stuck' },
      ),
    );
    expect(
      await within(screen.getByTestId('sre-runbook-viewer')).findByText(
        'Restart the reservation worker.',
      ),
    ).toBeInTheDocument();
  });

  it('opens the runbook named in the URL', async () => {
    await renderContent(
      withRunbooks(runbooks),
      checkoutApiEntity,
      '/?runbook=file%3Astock-reservations.md',
    );

    expect(
      await screen.findByText('Restart the reservation worker.'),
    ).toBeInTheDocument();
  });

  it('renders Markdown without scripts, event handlers or javascript: links', async () => {
    const hostile: EntityRunbooksResponse = {
      ...noRunbooks,
      runbooks: [
        {
          id: 'file:hostile.md',
          title: 'Hostile runbook',
          source: 'file',
          alerts: [],
          lastReviewed: '2026-10-01',
          stale: false,
          markdown: [
            '# Safe heading',
            '',
            '<script>window.__pwned = true</script>',
            '',
            '<img src="x" onerror="window.__pwned = true" alt="broken">',
            '',
            '[click me](javascript:alert(1))',
            '',
            '<a href="javascript:alert(2)" onclick="alert(3)">raw link</a>',
            '',
            '<div onmouseover="alert(4)">hover</div>',
          ].join('\n'),
        },
      ],
    };
    await renderContent(withRunbooks(hostile));

    const viewer = await screen.findByTestId('sre-runbook-viewer');
    expect(
      within(viewer).getByRole('heading', { name: 'Safe heading' }),
    ).toBeInTheDocument();
    expect(within(viewer).getByText('click me')).toBeInTheDocument();
    expect(within(viewer).getByText('hover')).toBeInTheDocument();

    expect(viewer.querySelector('script')).toBeNull();
    expect(viewer.innerHTML).not.toMatch(/<script/i);
    for (const element of Array.from(viewer.querySelectorAll('*'))) {
      for (const attribute of Array.from(element.attributes)) {
        expect(attribute.name).not.toMatch(/^on/i);
        expect(attribute.value).not.toMatch(/javascript:/i);
      }
    }
    expect(viewer.innerHTML).not.toMatch(/javascript:/i);
    expect(viewer.innerHTML).not.toMatch(/onerror|onclick|onmouseover/i);
    expect((window as any).__pwned).toBeUndefined();
  });

  it('explains how to add runbooks when there are none', async () => {
    await renderContent(withRunbooks(noRunbooks));

    expect(
      await screen.findByText('No runbooks for this service yet'),
    ).toBeInTheDocument();
    const content = screen.getByTestId('sre-runbooks-content');
    expect(content).toHaveTextContent(
      'sre-catalog.io/runbooks: dir:./runbooks',
    );
    expect(content).toHaveTextContent('type: runbook');
    expect(content).toHaveTextContent('alerts:');
    expect(content).toHaveTextContent('last-reviewed: 2026-01-31');
    expect(screen.queryByRole('table', { name: 'Runbooks' })).toBeNull();
  });

  it('shows the error and retries', async () => {
    const api = mockRunbooksAndPostmortemsApi({
      getRunbooks: jest
        .fn()
        .mockRejectedValueOnce(new Error('backend down'))
        .mockResolvedValueOnce(runbooks),
    });
    await renderContent(api);

    expect((await screen.findAllByText(/backend down/)).length).toBeGreaterThan(
      0,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('table', { name: 'Runbooks' }),
    ).toBeInTheDocument();
  });
});
