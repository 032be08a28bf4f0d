import { permissionApiRef } from '@backstage/plugin-permission-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PermissionApi } from '@backstage/plugin-permission-react';
import { SloEvaluatorHealth } from '@sre-catalog/backstage-plugin-sre-common';
import { SreApi, sreApiRef } from '../../api';
import {
  FreshPermissionCache,
  permissionApiDenying,
  permissionApiThat,
} from '../../__testUtils__/permissionFixtures';
import { mockSreApi } from '../../__testUtils__/fixtures';
import {
  deadLetter,
  healthyEvaluator,
  stalledEvaluator,
} from '../../__testUtils__/sloFixtures';
import { SloEvaluationPanel } from './SloEvaluationPanel';

jest.setTimeout(30_000);

const ago = (seconds: number) =>
  new Date(Date.now() - seconds * 1000).toISOString();

/** The stalled evaluator of the fixtures, with times relative to now. */
const stalled = (): SloEvaluatorHealth => ({
  ...stalledEvaluator,
  lastSuccessfulRunAt: ago(14 * 60),
  lastRun: { ...stalledEvaluator.lastRun!, at: ago(30) },
  queue: { ...stalledEvaluator.queue, oldestReceivedAt: ago(14 * 60) },
  deadLetters: { count: 2, oldestFailedAt: ago(3 * 3600) },
});

function renderPanel(
  api: SreApi,
  permissionApi: PermissionApi = permissionApiThat(),
) {
  return renderInTestApp(
    <FreshPermissionCache>
      <TestApiProvider
        apis={[
          [sreApiRef, api],
          [permissionApiRef, permissionApi],
        ]}
      >
        <SloEvaluationPanel />
      </TestApiProvider>
    </FreshPermissionCache>,
  );
}

const stalledApi = () =>
  mockSreApi({
    getSloEvaluatorHealth: jest.fn(async () => stalled()),
    listSliDeadLetters: jest.fn(async () => ({
      items: [deadLetter],
      totalCount: 1,
    })),
  });

describe('SloEvaluationPanel', () => {
  it('says that evaluation keeps up, with nothing waiting and no dead letters', async () => {
    const api = mockSreApi({
      getSloEvaluatorHealth: jest.fn(async () => ({
        ...healthyEvaluator,
        lastSuccessfulRunAt: ago(10),
        lastRun: { at: ago(10), durationMs: 420 },
      })),
    });
    await renderPanel(api);

    expect(
      await screen.findByTestId('sre-slo-evaluation-summary'),
    ).toHaveTextContent(
      'Evaluation keeps up: it runs every 30 seconds, and the last successful run was less than a minute ago.',
    );
    expect(screen.getByRole('group', { name: 'Last run' })).toHaveTextContent(
      'succeeded in 420 ms',
    );
    expect(screen.getByRole('group', { name: 'Backlog' })).toHaveTextContent(
      'Nothing waiting: every accepted push is applied.Limits: 10,000 pushes, 256 MiB, 10 minutes old.',
    );
    expect(
      screen.getByRole('group', { name: 'Dead letters' }),
    ).toHaveTextContent('None: no accepted push has failed.');
    expect(api.listSliDeadLetters).not.toHaveBeenCalled();
  });

  it('says that evaluation is behind and why the last run failed, with the backlog and the dead letters', async () => {
    await renderPanel(stalledApi());

    expect(
      await screen.findByTestId('sre-slo-evaluation-summary'),
    ).toHaveTextContent(
      /^Evaluation is behind: the last successful run was 14 minutes ago, and it should run every 30 seconds\. SLO statuses are marked stale .* task sre-slo-evaluation\.$/,
    );
    expect(
      screen.getByTestId('sre-slo-evaluation-last-error'),
    ).toHaveTextContent(
      'The last run, less than a minute ago, failed after 30.0 s: Database error: connection terminated',
    );
    expect(screen.getByRole('group', { name: 'Backlog' })).toHaveTextContent(
      '1,250 pushes waiting (3.3 MiB), the oldest received 14 minutes ago.',
    );
    expect(
      screen.getByRole('group', { name: 'Dead letters' }),
    ).toHaveTextContent(
      '2 pushes could not be applied, the oldest failed 3 hours ago. Their data is not counted until retried.',
    );
    const table = await screen.findByRole('table', { name: 'Dead letters' });
    const [row] = within(table).getAllByRole('row').slice(1);
    expect(row).toHaveTextContent(
      'checkout-api-availability; 1 SLO you cannot see',
    );
    expect(row).toHaveTextContent('user:default/exporter-bot');
    expect(row).toHaveTextContent(deadLetter.error);
  });

  it('says the queue is at a limit when it is', async () => {
    const full = stalled();
    full.queue = { ...full.queue, rows: full.queue.limits.rows };
    await renderPanel(
      mockSreApi({ getSloEvaluatorHealth: jest.fn(async () => full) }),
    );
    expect(
      await screen.findByRole('group', { name: 'Backlog' }),
    ).toHaveTextContent(
      'The queue is at a limit: new pushes are refused with 503',
    );
  });

  it('says when evaluation never completed a run', async () => {
    await renderPanel(
      mockSreApi({
        getSloEvaluatorHealth: jest.fn(async () => ({
          ...healthyEvaluator,
          lastSuccessfulRunAt: null,
          lastRun: undefined,
          stale: true,
        })),
      }),
    );
    expect(
      await screen.findByTestId('sre-slo-evaluation-summary'),
    ).toHaveTextContent(
      'SLO evaluation has not completed a run yet; it should run every 30 seconds.',
    );
    expect(
      screen.getByRole('group', { name: 'Last successful run' }),
    ).toHaveTextContent('Never');
  });

  it('retries a dead letter and reloads the list and the health', async () => {
    const api = stalledApi();
    const permissionApi = permissionApiThat();
    await renderPanel(api, permissionApi);

    const table = await screen.findByRole('table', { name: 'Dead letters' });
    const retry = within(table).getByRole('button', { name: 'Retry' });
    await waitFor(() => expect(retry).toBeEnabled());
    await userEvent.click(retry);

    await waitFor(() =>
      expect(api.retrySliDeadLetter).toHaveBeenCalledWith(deadLetter.id),
    );
    expect(await screen.findByText(/is queued again/)).toBeInTheDocument();
    await waitFor(() =>
      expect(api.getSloEvaluatorHealth).toHaveBeenCalledTimes(2),
    );
    expect(api.listSliDeadLetters).toHaveBeenCalledTimes(2);
    expect(permissionApi.requests).toContainEqual(
      expect.objectContaining({
        permission: expect.objectContaining({
          name: 'sre.slo.deadletter.manage',
        }),
      }),
    );
  });

  it('discards a dead letter only once confirmed', async () => {
    const api = stalledApi();
    await renderPanel(api);

    const table = await screen.findByRole('table', { name: 'Dead letters' });
    const discard = within(table).getByRole('button', { name: 'Discard' });
    await waitFor(() => expect(discard).toBeEnabled());
    await userEvent.click(discard);
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Its 60 buckets');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );
    expect(api.discardSliDeadLetter).not.toHaveBeenCalled();

    await userEvent.click(discard);
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Discard',
      }),
    );
    await waitFor(() =>
      expect(api.discardSliDeadLetter).toHaveBeenCalledWith(deadLetter.id),
    );
  });

  it('says why an action failed', async () => {
    const api = stalledApi();
    api.retrySliDeadLetter.mockRejectedValue(
      new Error('Dead letter 17 is gone'),
    );
    await renderPanel(api);

    const retry = await screen.findByRole('button', { name: 'Retry' });
    await waitFor(() => expect(retry).toBeEnabled());
    await userEvent.click(retry);
    expect(
      await screen.findByText(
        /^Could not retry the push received .*: Dead letter 17 is gone$/,
      ),
    ).toBeInTheDocument();
  });

  it('offers no action without sre.slo.deadletter.manage, and says why', async () => {
    await renderPanel(
      stalledApi(),
      permissionApiDenying('sre.slo.deadletter.manage'),
    );

    const table = await screen.findByRole('table', { name: 'Dead letters' });
    for (const name of ['Retry', 'Discard']) {
      const button = within(table).getByRole('button', { name });
      await waitFor(() =>
        expect(button.closest('span')).toHaveAttribute(
          'title',
          expect.stringContaining('sre.slo.deadletter.manage'),
        ),
      );
      expect(button).toBeDisabled();
    }
  });

  it('says when no dead letter concerns an SLO the user can see', async () => {
    await renderPanel(
      mockSreApi({
        getSloEvaluatorHealth: jest.fn(async () => stalled()),
        listSliDeadLetters: jest.fn(async () => ({ items: [], totalCount: 0 })),
      }),
    );
    expect(
      await screen.findByText(
        'None of the dead letters concern SLOs you can see.',
      ),
    ).toBeInTheDocument();
  });

  it('explains a failed load and offers to load again', async () => {
    const api = mockSreApi({
      getSloEvaluatorHealth: jest
        .fn()
        .mockRejectedValueOnce(new Error('Bad gateway'))
        .mockResolvedValue({
          ...healthyEvaluator,
          lastSuccessfulRunAt: ago(5),
        }),
    });
    await renderPanel(api);

    expect(
      await screen.findByText(
        /could not be loaded, so it is not known whether the SLO statuses are current/,
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByTestId('sre-slo-evaluation-summary'),
    ).toHaveTextContent('Evaluation keeps up');
  });
});
