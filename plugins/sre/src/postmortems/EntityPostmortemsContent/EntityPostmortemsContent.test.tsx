import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fullPostmortem,
  mockRunbooksAndPostmortemsApi,
  overdueEntry,
  postmortemList,
  quickPostmortem,
} from '../../__testUtils__/runbookPostmortemFixtures';
import {
  POSTMORTEMS_TAB as TAB,
  enter,
  renderPostmortemsTab as renderTab,
  responseError,
} from '../../__testUtils__/renderPostmortemsTab';

// The form is large; typing character by character is slow in jsdom.
jest.setTimeout(30_000);

describe('EntityPostmortemsContent', () => {
  describe('list', () => {
    it("lists the entity's postmortems with severity, status, services and overdue items", async () => {
      const api = mockRunbooksAndPostmortemsApi({
        listPostmortems: jest.fn(async () =>
          postmortemList([fullPostmortem, quickPostmortem]),
        ),
        listActionItems: jest.fn(async () => ({
          items: [overdueEntry],
          totalCount: 1,
        })),
      });
      await renderTab(api, '');

      const table = await screen.findByRole('table', { name: 'Postmortems' });
      expect(api.listPostmortems).toHaveBeenCalledWith(
        expect.objectContaining({
          entityRef: 'component:default/checkout-api',
          limit: 10,
          offset: 0,
        }),
      );
      const quickRow = within(table)
        .getAllByRole('row')
        .find(r => r.getAttribute('data-postmortem') === quickPostmortem.id)!;
      expect(
        within(quickRow).getByRole('link', {
          name: 'Checkout 5xx after a config push',
        }),
      ).toHaveAttribute('href', `${TAB}/pm-quick-1`);
      expect(quickRow).toHaveTextContent('SEV2');
      expect(quickRow).toHaveTextContent('Published');
      expect(quickRow).toHaveTextContent('checkout-api');
      expect(quickRow).toHaveTextContent('1 open');
      expect(quickRow).toHaveTextContent('1 overdue');

      // The full one misses the P0 action item the error budget policy asks for.
      const fullRow = within(table)
        .getAllByRole('row')
        .find(r => r.getAttribute('data-postmortem') === fullPostmortem.id)!;
      expect(
        within(fullRow).getByRole('img', { name: /add a P0 action item/ }),
      ).toBeInTheDocument();

      const items = await screen.findByRole('table', {
        name: 'Action items of these postmortems',
      });
      expect(api.listActionItems).toHaveBeenCalledWith(
        expect.objectContaining({
          entityRef: 'component:default/checkout-api',
          overdue: true,
        }),
      );
      expect(items).toHaveTextContent('Validate config pushes in CI');
      expect(within(items).getByText('Overdue')).toBeInTheDocument();
      expect(
        screen.getAllByRole('button', { name: 'New postmortem' })[0],
      ).toHaveAttribute('href', `${TAB}/new`);
    });

    it('explains how to start when there is no postmortem', async () => {
      await renderTab(mockRunbooksAndPostmortemsApi(), '');

      expect(await screen.findByText('No postmortems yet')).toBeInTheDocument();
      expect(
        await screen.findByText('No overdue action items'),
      ).toBeInTheDocument();
    });
  });

  describe('quick form', () => {
    async function fillQuickForm() {
      await screen.findByTestId('sre-postmortem-form');
      await enter(
        screen.getByLabelText(/^Title/),
        'Checkout 5xx after a config push',
      );
      await userEvent.selectOptions(screen.getByLabelText(/^Severity/), 'SEV2');
      await userEvent.selectOptions(
        screen.getByLabelText(/^Status/),
        'published',
      );
      fireEvent.change(screen.getByLabelText(/^Started at/), {
        target: { value: '2026-10-20T10:00' },
      });
      await enter(
        screen.getByLabelText(/^Summary/),
        'A bad config push made checkout fail.',
      );
      await enter(
        screen.getByLabelText(/^Action item$/),
        'Validate config pushes in CI',
      );
      fireEvent.change(screen.getByLabelText(/^Due date/), {
        target: { value: '2026-01-10' },
      });
      await userEvent.selectOptions(screen.getByLabelText(/^Priority/), 'P1');
    }

    it('pre-fills the service and its owner, and posts a quick postmortem', async () => {
      const api = mockRunbooksAndPostmortemsApi();
      await renderTab(api, '/new');

      await screen.findByTestId('sre-postmortem-form');
      expect(
        screen.getByRole('button', { name: 'component:default/checkout-api' }),
      ).toBeInTheDocument();
      expect(screen.getByLabelText(/^Owner/)).toHaveValue(
        'group:default/checkout-team',
      );
      // The quick template does not ask for the full one's fields.
      expect(screen.queryByLabelText(/^Impact/)).toBeNull();
      expect(screen.queryByLabelText(/^Lessons/)).toBeNull();

      await fillQuickForm();
      await userEvent.click(
        screen.getByRole('button', { name: 'Save postmortem' }),
      );

      await waitFor(() => expect(api.createPostmortem).toHaveBeenCalled());
      expect(api.createPostmortem.mock.calls[0][0]).toEqual({
        template: 'quick',
        title: 'Checkout 5xx after a config push',
        severity: 'SEV2',
        status: 'published',
        startedAt: new Date('2026-10-20T10:00').toISOString(),
        entityRefs: ['component:default/checkout-api'],
        summary: 'A bad config push made checkout fail.',
        timeline: [],
        contributingFactors: [],
        tags: [],
        links: [],
        impactedSlos: [],
        actionItems: [
          {
            title: 'Validate config pushes in CI',
            owner: 'group:default/checkout-team',
            dueDate: '2026-01-10',
            priority: 'P1',
            status: 'open',
          },
        ],
      });
      // Then it opens the postmortem as stored.
      expect(
        await screen.findByRole('heading', {
          name: 'Checkout 5xx after a config push',
        }),
      ).toBeInTheDocument();
      expect(api.getPostmortem).toHaveBeenCalledWith('pm-quick-1');
    });

    it('shows the field a 400 names next to that field, and keeps the input', async () => {
      const message =
        'Invalid actionItems[0].owner: group:default/nobody is not in the catalog';
      const api = mockRunbooksAndPostmortemsApi({
        createPostmortem: jest.fn(async () => {
          throw await responseError(400, message);
        }),
      });
      await renderTab(api, '/new');
      await fillQuickForm();
      const owner = screen.getByLabelText(/^Owner/);
      await userEvent.clear(owner);
      await enter(owner, 'group:default/nobody');
      await userEvent.click(
        screen.getByRole('button', { name: 'Save postmortem' }),
      );

      const alert = await screen.findByTestId('sre-form-errors');
      expect(alert).toHaveTextContent(message);
      expect(screen.getByLabelText(/^Owner/)).toHaveAttribute(
        'aria-invalid',
        'true',
      );
      expect(screen.getByLabelText(/^Owner/)).toHaveAccessibleDescription(
        'group:default/nobody is not in the catalog',
      );
      expect(screen.getByLabelText(/^Title/)).toHaveValue(
        'Checkout 5xx after a config push',
      );
    });

    it('names the missing required fields without calling the backend', async () => {
      const api = mockRunbooksAndPostmortemsApi();
      await renderTab(api, '/new');
      await screen.findByTestId('sre-postmortem-form');

      await userEvent.click(
        screen.getByRole('button', { name: 'Save postmortem' }),
      );

      const alert = await screen.findByTestId('sre-form-errors');
      expect(alert).toHaveTextContent('Invalid title: is required');
      expect(alert).toHaveTextContent('Invalid severity: is required');
      expect(alert).toHaveTextContent('Invalid startedAt: is required');
      expect(alert).toHaveTextContent('Invalid summary: is required');
      expect(screen.getByLabelText(/^Title/)).toHaveAttribute(
        'aria-invalid',
        'true',
      );
      expect(api.createPostmortem).not.toHaveBeenCalled();
    });

    it('offers the full template with all of its fields', async () => {
      await renderTab(mockRunbooksAndPostmortemsApi(), '/new');
      await screen.findByTestId('sre-postmortem-form');

      await userEvent.click(
        screen.getByRole('radio', { name: /Full blameless template/ }),
      );

      for (const label of [
        /^Detected at/,
        /^Mitigated at/,
        /^Resolved at/,
        /^Impact/,
        /^What went well/,
        /^What went poorly/,
        /^Lessons/,
      ]) {
        expect(screen.getByLabelText(label)).toBeInTheDocument();
      }
      for (const button of [
        'Add an impacted SLO',
        'Add a timeline entry',
        'Add a contributing factor',
        'Add an action item',
        'Add a link',
      ]) {
        expect(
          screen.getByRole('button', { name: button }),
        ).toBeInTheDocument();
      }
    });
  });

  describe('edit', () => {
    it('sends the version the edit is based on', async () => {
      const api = mockRunbooksAndPostmortemsApi();
      await renderTab(api, '/pm-quick-1/edit');

      const title = await screen.findByLabelText(/^Title/);
      expect(title).toHaveValue('Checkout 5xx after a config push');
      await userEvent.clear(title);
      await enter(title, 'Checkout 5xx after a bad config push');
      await userEvent.click(
        screen.getByRole('button', { name: 'Save changes' }),
      );

      await waitFor(() => expect(api.updatePostmortem).toHaveBeenCalled());
      const [id, request] = api.updatePostmortem.mock.calls[0];
      expect(id).toBe('pm-quick-1');
      expect(request).toEqual(
        expect.objectContaining({
          version: 3,
          template: 'quick',
          title: 'Checkout 5xx after a bad config push',
          tags: ['config'],
          actionItems: [
            expect.objectContaining({
              id: 'ai-1',
              title: 'Validate config pushes in CI',
            }),
          ],
        }),
      );
    });

    it('says someone else changed it on a 409, and reloads the current version', async () => {
      const api = mockRunbooksAndPostmortemsApi({
        getPostmortem: jest
          .fn()
          .mockResolvedValueOnce(quickPostmortem)
          .mockResolvedValue({
            ...quickPostmortem,
            version: 4,
            title: 'Renamed by someone else',
          }),
        updatePostmortem: jest.fn(async () => {
          throw await responseError(
            409,
            'Postmortem pm-quick-1 is at version 4, but the edit is based on version 3; reload it and apply the edit again',
          );
        }),
      });
      await renderTab(api, '/pm-quick-1/edit');

      await enter(await screen.findByLabelText(/^Summary/), ' More.');
      await userEvent.click(
        screen.getByRole('button', { name: 'Save changes' }),
      );

      expect(
        await screen.findByText(/Someone else changed this postmortem; reload/),
      ).toBeInTheDocument();
      await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
      await waitFor(() =>
        expect(screen.getByLabelText(/^Title/)).toHaveValue(
          'Renamed by someone else',
        ),
      );
      expect(
        screen.queryByText(/Someone else changed this postmortem/),
      ).toBeNull();
    });

    it('expands a quick postmortem into the full template', async () => {
      const api = mockRunbooksAndPostmortemsApi();
      await renderTab(api, '/pm-quick-1/edit');

      await userEvent.click(
        await screen.findByRole('button', {
          name: 'Expand to the full template',
        }),
      );
      expect(screen.getByLabelText(/^Impact/)).toBeInTheDocument();
      await enter(screen.getByLabelText(/^Impact/), 'Orders failed.');
      fireEvent.change(screen.getByLabelText(/^Detected at/), {
        target: { value: '2026-10-20T08:05' },
      });
      fireEvent.change(screen.getByLabelText(/^Resolved at/), {
        target: { value: '2026-10-20T09:00' },
      });
      fireEvent.change(screen.getByLabelText(/^Started at/), {
        target: { value: '2026-10-20T08:00' },
      });
      // Published full postmortems name at least one contributing factor.
      await userEvent.click(
        screen.getByRole('button', { name: 'Add a contributing factor' }),
      );
      await enter(
        screen.getByLabelText('Contributing factor 1'),
        'Config pushes skip CI.',
      );
      await userEvent.click(
        screen.getByRole('button', { name: 'Save changes' }),
      );

      await waitFor(() => expect(api.updatePostmortem).toHaveBeenCalled());
      expect(api.updatePostmortem.mock.calls[0][1]).toEqual(
        expect.objectContaining({
          template: 'full',
          impact: 'Orders failed.',
          contributingFactors: ['Config pushes skip CI.'],
          version: 3,
        }),
      );
    });
  });

  describe('view', () => {
    it('shows every section, the policy flag and the history', async () => {
      const api = mockRunbooksAndPostmortemsApi({
        getPostmortem: jest.fn(async () => fullPostmortem),
        getPostmortemHistory: jest.fn(async () => ({
          postmortemId: fullPostmortem.id,
          revisions: [
            {
              version: 1,
              changedAt: '2026-10-20T10:00:00.000Z',
              changedBy: 'user:default/priya.nair',
              changedFields: ['title', 'summary'],
            },
          ],
        })),
      });
      await renderTab(api, '/pm-full-1');

      expect(
        await screen.findByRole('heading', {
          name: 'Payment provider timeouts',
        }),
      ).toBeInTheDocument();
      expect(
        screen.getByTestId('sre-postmortem-policy-flag'),
      ).toHaveTextContent(
        "This incident used more than 20% of an SLO's budget: add a P0 action item",
      );
      for (const section of [
        'Incident',
        'Summary',
        'Impact',
        'Impacted SLOs',
        'Timeline',
        'Contributing factors',
        'Lessons',
        'What went well',
        'What went poorly',
        'Action items',
        'Links',
        'History',
      ]) {
        expect(
          screen.getByText(section, {
            selector: 'h2, h3, h4, h5, h6, span, div',
          }),
        ).toBeInTheDocument();
      }
      expect(screen.getByText('35%')).toBeInTheDocument();
      expect(screen.getByText('Alert pages on-call.')).toBeInTheDocument();
      expect(screen.getByText('circuit breaker').tagName).toBe('STRONG');
      expect(
        screen.getByRole('link', { name: /Incident channel/ }),
      ).toHaveAttribute('href', 'https://chat.example/inc-42');
      const history = await screen.findByRole('table', { name: 'History' });
      expect(history).toHaveTextContent('Created with title, summary');
      expect(screen.getByRole('button', { name: 'Edit' })).toHaveAttribute(
        'href',
        `${TAB}/pm-full-1/edit`,
      );
    });

    it('never renders HTML from the text fields', async () => {
      const api = mockRunbooksAndPostmortemsApi({
        getPostmortem: jest.fn(async () => ({
          ...quickPostmortem,
          summary:
            'Before <script>window.__pmPwned = true</script><img src="x" onerror="window.__pmPwned = true"> [x](javascript:alert(1)) after',
        })),
      });
      await renderTab(api, '/pm-quick-1');

      const details = await screen.findByTestId('sre-postmortem-details');
      expect(within(details).getByText(/Before/)).toBeInTheDocument();
      expect(details.querySelector('script')).toBeNull();
      expect(details.innerHTML).not.toMatch(/onerror|javascript:/i);
      expect((window as any).__pmPwned).toBeUndefined();
    });
  });
});
