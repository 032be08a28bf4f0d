import { expect, test } from '@playwright/test';
import {
  checkCatalogList,
  checkCoverage,
  checkEntityPage,
  checkPostmortemLibrary,
  checkSearch,
  checkSloReview,
  signInAs,
} from './restrictedService';

// The default sign-in, the guest (checkout-team), with the demo's permission policy:
// the restricted service fraud-detection does not exist for it, and it may read but
// not change the postmortems of services its team neither owns nor supports. The
// other side, its owner group's view: sre-visibility.restricted.test.ts.

test('the guest does not see the restricted service in the catalog, on the Reliability pages or in search', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const backend = await signInAs(page, 'user:default/guest');
  const hidden = { visible: false };
  await checkCatalogList(page, hidden);
  await checkEntityPage(page, hidden);
  await checkCoverage(page, hidden);
  await checkSloReview(page, hidden);
  await checkPostmortemLibrary(page, hidden);
  await checkSearch(page, hidden);
  backend.expectOneBackend();
});

test('the guest sees Edit disabled, with the reason, on a postmortem it may read but not change', async ({
  page,
}) => {
  await signInAs(page, 'user:default/guest');
  const library = page.getByRole('table', { name: 'Postmortem library' });

  // Control: a postmortem of checkout-api (owned by checkout-team) is editable.
  await page.goto('/sre/postmortems');
  await library
    .getByRole('link', {
      name: 'Checkout 5xx after a payment client config push',
    })
    .click();
  // The Edit button is a link to the form when the permission is granted.
  await expect(page.getByRole('button', { name: /^Edit/ })).toHaveAttribute(
    'href',
    /\/edit$/,
  );

  // product-catalog-api: owned by catalog-search-team, supported by sre-enablement.
  await page.goto('/sre/postmortems');
  await library
    .getByRole('link', {
      name: 'Search latency doubled after a full index rebuild',
    })
    .click();
  await expect(
    page.getByRole('heading', {
      name: 'Search latency doubled after a full index rebuild',
    }),
  ).toBeVisible();
  // Disabled both while the permission loads and when it is denied: wait for the answer.
  const denied = page.locator('[data-permission="denied"]');
  await expect(denied).toBeVisible();
  const edit = denied.getByRole('button', { name: /^Edit/ });
  await expect(edit).toBeDisabled();
  await expect(page.locator('a[href$="/edit"]')).toHaveCount(0);
  await denied.hover();
  await expect(page.getByRole('tooltip')).toHaveText(
    'You may not change this postmortem: you do not have the permission sre.postmortem.update on it.',
  );
});
