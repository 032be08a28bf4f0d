import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PostmortemForm } from './PostmortemForm';
import { emptyFormState } from './postmortemFormState';

// Typing into the large form is slow in jsdom.
jest.setTimeout(30_000);

const defaults = {
  entityRefs: ['component:default/checkout-api'],
  owner: 'group:default/checkout-team',
};

async function renderForm(
  props: Partial<Parameters<typeof PostmortemForm>[0]> = {},
) {
  const onSubmit = jest.fn(async () => {});
  await renderInTestApp(
    <PostmortemForm
      mode="create"
      initialState={emptyFormState('full', defaults)}
      submitLabel="Save postmortem"
      onSubmit={onSubmit}
      {...props}
    />,
  );
  return { onSubmit };
}

describe('PostmortemForm', () => {
  it('names every missing required field of the full template, and sends nothing', async () => {
    const { onSubmit } = await renderForm();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Save postmortem' }),
    );

    const alert = await screen.findByTestId('sre-form-errors');
    for (const field of [
      'title',
      'severity',
      'startedAt',
      'detectedAt',
      'resolvedAt',
      'summary',
      'impact',
    ]) {
      expect(alert).toHaveTextContent(`Invalid ${field}: is required`);
    }
    expect(screen.getByLabelText(/^Impact/)).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('shows a row error on the row it is about', async () => {
    await renderForm();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Add an action item' }),
    );
    const second = screen.getByRole('group', { name: 'Action item 2' });
    await userEvent.type(
      within(second).getByLabelText('Action item (action item 2)'),
      'Add jitter',
    );
    await userEvent.clear(
      within(second).getByLabelText('Owner (action item 2)'),
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Save postmortem' }),
    );

    expect(await screen.findByTestId('sre-form-errors')).toHaveTextContent(
      'Invalid actionItems[0].owner: must be a user or group ref',
    );
    const owner = within(second).getByLabelText('Owner (action item 2)');
    expect(owner).toHaveAttribute('aria-invalid', 'true');
    expect(owner).toHaveAccessibleDescription(
      /must be a user or group ref such as group:default\/checkout-team/,
    );
    // The first row, left empty, is not sent and shows no error.
    const first = screen.getByRole('group', { name: 'Action item 1' });
    expect(within(first).getByLabelText(/^Owner/)).toHaveAttribute(
      'aria-invalid',
      'false',
    );
  });

  it('says someone else changed the postmortem on a 409 and offers to reload', async () => {
    const stale = Object.assign(new Error('version 4, not 3'), {
      name: 'ResponseError',
      statusCode: 409,
    });
    const onReload = jest.fn();
    await renderForm({
      initialState: emptyFormState('quick', defaults),
      onSubmit: jest.fn(async () => {
        throw stale;
      }),
      onReload,
    });
    await userEvent.type(await screen.findByLabelText(/^Title/), 'Retries');
    await userEvent.selectOptions(screen.getByLabelText(/^Severity/), 'SEV3');
    await userEvent.type(
      screen.getByLabelText(/^Started at/),
      '2026-10-20T10:00',
    );
    await userEvent.type(screen.getByLabelText(/^Summary/), 'Ran out.');

    await userEvent.click(
      screen.getByRole('button', { name: 'Save postmortem' }),
    );

    expect(
      await screen.findByText(/Someone else changed this postmortem; reload/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(onReload).toHaveBeenCalled();
  });
});
