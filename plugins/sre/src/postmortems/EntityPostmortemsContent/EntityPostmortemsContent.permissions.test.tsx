import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fullPostmortem,
  mockRunbooksAndPostmortemsApi,
  quickPostmortem,
} from '../../__testUtils__/runbookPostmortemFixtures';
import {
  pendingPermissionApi,
  permissionApiDenying,
  permissionApiThat,
} from '../../__testUtils__/permissionFixtures';
import {
  POSTMORTEMS_TAB as TAB,
  enter,
  renderPostmortemsTab as renderTab,
  responseError,
} from '../../__testUtils__/renderPostmortemsTab';

jest.setTimeout(30_000);

/** The wrapper of a button that is not offered, once the permission has answered no. */
async function deniedWrapperOf(button: HTMLElement) {
  const wrapper = button.closest('[data-testid="sre-permitted-link-button"]');
  expect(wrapper).not.toBeNull();
  await waitFor(() =>
    expect(wrapper).toHaveAttribute('data-permission', 'denied'),
  );
  return wrapper as HTMLElement;
}

describe('EntityPostmortemsContent permissions', () => {
  describe('New postmortem', () => {
    it('is a link to the form when sre.postmortem.create is allowed on the entity', async () => {
      const permissionApi = permissionApiThat();
      await renderTab(mockRunbooksAndPostmortemsApi(), '', permissionApi);

      await screen.findByText('No postmortems yet');
      const buttons = await screen.findAllByRole('button', {
        name: 'New postmortem',
      });
      await waitFor(() =>
        expect(buttons[0].closest('a')).toHaveAttribute('href', `${TAB}/new`),
      );
      expect(permissionApi.requests).toContainEqual({
        permission: expect.objectContaining({ name: 'sre.postmortem.create' }),
        resourceRef: 'component:default/checkout-api',
      });
    });

    it('is disabled with the missing permission as its reason when denied', async () => {
      await renderTab(
        mockRunbooksAndPostmortemsApi(),
        '',
        permissionApiDenying('sre.postmortem.create'),
      );

      await screen.findByText('No postmortems yet');
      // The card's action and the empty state's.
      const buttons = screen.getAllByRole('button', { name: 'New postmortem' });
      expect(buttons).toHaveLength(2);
      for (const button of buttons) {
        const wrapper = await deniedWrapperOf(button);
        expect(button).toBeDisabled();
        expect(button.closest('a')).toBeNull();
        expect(wrapper).toHaveAttribute(
          'title',
          expect.stringContaining('sre.postmortem.create'),
        );
      }
      await userEvent.hover(
        buttons[0].closest('[data-testid="sre-permitted-link-button"]')!,
      );
      expect(await screen.findByRole('tooltip')).toHaveTextContent(
        'You may not write postmortems about component:default/checkout-api: you do not have the permission sre.postmortem.create.',
      );
    });

    it('is never enabled while the permission is loading', async () => {
      await renderTab(
        mockRunbooksAndPostmortemsApi(),
        '',
        pendingPermissionApi(),
      );

      await screen.findByText('No postmortems yet');
      for (const button of screen.getAllByRole('button', {
        name: 'New postmortem',
      })) {
        expect(button).toBeDisabled();
        expect(button.closest('a')).toBeNull();
        expect(
          button.closest('[data-testid="sre-permitted-link-button"]'),
        ).toHaveAttribute('data-permission', 'loading');
      }
    });

    it('shows the reason instead of the form when the page is opened without the permission', async () => {
      await renderTab(
        mockRunbooksAndPostmortemsApi(),
        '/new',
        permissionApiDenying('sre.postmortem.create'),
      );

      expect(
        await screen.findByTestId('sre-write-not-allowed'),
      ).toHaveTextContent(/sre\.postmortem\.create/);
      expect(screen.queryByTestId('sre-postmortem-form')).toBeNull();
      expect(
        screen.getByRole('link', { name: /All postmortems of this entity/ }),
      ).toHaveAttribute('href', TAB);
    });

    it('says clearly that a save the backend refuses with 403 was not allowed, and keeps the input', async () => {
      const api = mockRunbooksAndPostmortemsApi({
        createPostmortem: jest.fn(async () => {
          throw await responseError(
            403,
            'You are not allowed to write postmortems about component:default/checkout-api',
          );
        }),
      });
      await renderTab(api, '/new');

      await screen.findByTestId('sre-postmortem-form');
      await enter(screen.getByLabelText(/^Title/), 'Checkout down');
      await userEvent.selectOptions(screen.getByLabelText(/^Severity/), 'SEV2');
      fireEvent.change(screen.getByLabelText(/^Started at/), {
        target: { value: '2026-10-20T10:00' },
      });
      await enter(screen.getByLabelText(/^Summary/), 'It broke.');
      await enter(screen.getByLabelText(/^Action item$/), 'Fix it');
      await userEvent.click(
        screen.getByRole('button', { name: 'Save postmortem' }),
      );

      const alert = await screen.findByTestId('sre-form-not-allowed');
      expect(alert).toHaveTextContent(
        'You may not write this postmortem: the permission sre.postmortem.create was denied for it.',
      );
      expect(alert).toHaveTextContent(
        'You are not allowed to write postmortems about component:default/checkout-api',
      );
      expect(api.createPostmortem).toHaveBeenCalledTimes(1);
      expect(screen.getByLabelText(/^Title/)).toHaveValue('Checkout down');
    });
  });

  describe('Edit', () => {
    it('links to the form when sre.postmortem.update is allowed on the postmortem', async () => {
      const permissionApi = permissionApiThat();
      await renderTab(
        mockRunbooksAndPostmortemsApi({
          getPostmortem: jest.fn(async () => fullPostmortem),
        }),
        '/pm-full-1',
        permissionApi,
      );

      const edit = await screen.findByRole('button', { name: 'Edit' });
      await waitFor(() =>
        expect(edit.closest('a')).toHaveAttribute(
          'href',
          `${TAB}/pm-full-1/edit`,
        ),
      );
      expect(permissionApi.requests).toContainEqual({
        permission: expect.objectContaining({ name: 'sre.postmortem.update' }),
        resourceRef: 'pm-full-1',
      });
    });

    it('is disabled with the reason when sre.postmortem.update is denied', async () => {
      await renderTab(
        mockRunbooksAndPostmortemsApi({
          getPostmortem: jest.fn(async () => fullPostmortem),
        }),
        '/pm-full-1',
        permissionApiDenying('sre.postmortem.update'),
      );

      const edit = await screen.findByRole('button', { name: 'Edit' });
      const wrapper = await deniedWrapperOf(edit);
      expect(edit).toBeDisabled();
      expect(edit.closest('a')).toBeNull();
      expect(wrapper).toHaveAttribute(
        'title',
        'You may not change this postmortem: you do not have the permission sre.postmortem.update on it.',
      );
    });

    it('shows the reason instead of the form when the edit page is opened without the permission', async () => {
      const api = mockRunbooksAndPostmortemsApi();
      await renderTab(
        api,
        '/pm-quick-1/edit',
        permissionApiDenying('sre.postmortem.update'),
      );

      expect(
        await screen.findByTestId('sre-write-not-allowed'),
      ).toHaveTextContent(/sre\.postmortem\.update/);
      expect(screen.queryByTestId('sre-postmortem-form')).toBeNull();
      expect(api.updatePostmortem).not.toHaveBeenCalled();
    });

    it('says clearly that a save the backend refuses with 403 was not allowed', async () => {
      const api = mockRunbooksAndPostmortemsApi({
        updatePostmortem: jest.fn(async () => {
          throw await responseError(403, 'Not allowed to update pm-quick-1');
        }),
      });
      await renderTab(api, '/pm-quick-1/edit');

      await enter(await screen.findByLabelText(/^Summary/), ' More.');
      await userEvent.click(
        screen.getByRole('button', { name: 'Save changes' }),
      );

      const alert = await screen.findByTestId('sre-form-not-allowed');
      expect(alert).toHaveTextContent(
        'You may not save this postmortem: the permission sre.postmortem.update was denied for it.',
      );
      expect(alert).toHaveTextContent('Not allowed to update pm-quick-1');
      // Still the form, with the edit kept; not the 409 reload offer.
      expect(screen.getByLabelText(/^Summary/)).toHaveValue(
        `${quickPostmortem.summary} More.`,
      );
      expect(screen.queryByRole('button', { name: 'Reload' })).toBeNull();
    });
  });
});
