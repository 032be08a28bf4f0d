import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PostmortemHistoryResponse } from '@sre-catalog/backstage-plugin-sre-common';
import { sreApiRef } from '../../api';
import {
  mockRunbooksAndPostmortemsApi,
  quickPostmortem,
} from '../../__testUtils__/runbookPostmortemFixtures';
import { PostmortemHistory } from './PostmortemHistory';

const longSummary = `${'The config push disabled the payment route for every region. '.repeat(
  4,
)}\nIt was rolled back after twelve minutes.`;

const history: PostmortemHistoryResponse = {
  postmortemId: 'pm-quick-1',
  revisions: [
    {
      version: 4,
      changedAt: '2026-10-22T10:00:00.000Z',
      changedBy: 'user:default/tom.keller',
      changedFields: ['status', 'summary', 'actionItems', 'entityRefs'],
      changes: [
        { field: 'status', before: 'draft', after: 'published' },
        {
          field: 'summary',
          before: 'A bad config push.',
          after: longSummary,
        },
        {
          field: 'actionItems',
          before: quickPostmortem.actionItems,
          after: [
            { ...quickPostmortem.actionItems[0], status: 'done' },
            {
              id: 'ai-2',
              title: 'Add a canary stage',
              owner: 'group:default/checkout-team',
              priority: 'P0',
              status: 'open',
            },
          ],
        },
        // Its values name an entity this user cannot see.
        { field: 'entityRefs' },
      ],
    },
    {
      version: 2,
      changedAt: '2026-10-21T10:00:00.000Z',
      changedBy: 'user:default/priya.nair',
      changedFields: ['title', 'tags'],
    },
    {
      version: 1,
      changedAt: '2026-10-20T10:00:00.000Z',
      changedBy: 'user:default/priya.nair',
      changedFields: ['title', 'tags'],
      changes: [
        { field: 'title', after: 'Checkout 5xx' },
        { field: 'tags', after: ['config'] },
      ],
    },
  ],
};

async function renderHistory() {
  const api = mockRunbooksAndPostmortemsApi({
    getPostmortemHistory: jest.fn(async () => history),
  });
  await renderInTestApp(
    <TestApiProvider apis={[[sreApiRef, api]]}>
      <PostmortemHistory postmortemId="pm-quick-1" version={4} />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  const table = await screen.findByRole('table', { name: 'History' });
  const rowOf = (version: number) =>
    within(table)
      .getAllByRole('row')
      .find(
        row =>
          within(row).queryAllByRole('cell')[0]?.textContent === `${version}`,
      )!;
  return { api, rowOf };
}

const fieldIn = (row: HTMLElement, field: string) =>
  row.querySelector(`[data-field="${field}"]`) as HTMLElement;

describe('PostmortemHistory', () => {
  it("shows each changed field's old and new value", async () => {
    const { api, rowOf } = await renderHistory();
    expect(api.getPostmortemHistory).toHaveBeenCalledWith('pm-quick-1');
    const status = fieldIn(rowOf(4), 'status');
    expect(status).toHaveTextContent('Status: Draft → Published');
    expect(status.querySelector('del')).toHaveTextContent('Draft');
    expect(status.querySelector('ins')).toHaveTextContent('Published');
  });

  it('cuts long text short, with a button that shows all of it', async () => {
    const { rowOf } = await renderHistory();
    const summary = fieldIn(rowOf(4), 'summary');
    expect(summary).toHaveTextContent(
      /Summary: A bad config push\. → The config push/,
    );
    expect(summary).not.toHaveTextContent('rolled back after twelve minutes');

    await userEvent.click(
      within(summary).getByRole('button', { name: 'Show all of Summary' }),
    );
    const full = within(summary).getByTestId('sre-revision-full-values');
    expect(full).toHaveTextContent('Before');
    expect(full).toHaveTextContent('It was rolled back after twelve minutes.');
    expect(
      within(summary).getByRole('button', { name: 'Hide all of Summary' }),
    ).toHaveAttribute('aria-expanded', 'true');
  });

  it('summarises action items: the one added and what changed in the other', async () => {
    const { rowOf } = await renderHistory();
    const items = fieldIn(rowOf(4), 'actionItems');
    expect(items).toHaveTextContent(
      'changed Validate config pushes in CI: status Open → Done',
    );
    expect(items).toHaveTextContent(
      'added Add a canary stage (group:default/checkout-team, P0, Open)',
    );
    expect(within(items).queryByRole('button')).toBeNull();
  });

  it('says a field changed without its values when the backend withholds them', async () => {
    const { rowOf } = await renderHistory();
    expect(fieldIn(rowOf(4), 'entityRefs')).toHaveTextContent(
      'Affected entities: changed (values not shown)',
    );
  });

  it('shows the values a postmortem was created with, and keeps the field names for revisions without values', async () => {
    const { rowOf } = await renderHistory();
    const created = rowOf(1);
    expect(created).toHaveTextContent('Created with:');
    expect(fieldIn(created, 'title')).toHaveTextContent('Title: Checkout 5xx');
    expect(fieldIn(created, 'title').querySelector('del')).toBeNull();
    expect(fieldIn(created, 'tags')).toHaveTextContent('Tags: added config');

    const old = rowOf(2);
    expect(old.querySelector('[data-field]')).toBeNull();
    expect(within(old).getAllByRole('cell')[3]).toHaveTextContent(
      /^title, tags$/,
    );
  });
});
