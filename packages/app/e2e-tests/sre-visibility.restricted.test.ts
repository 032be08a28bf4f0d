import { expect, test } from '@playwright/test';
import {
  RESTRICTED,
  checkCatalogList,
  checkCoverage,
  checkEntityPage,
  checkPostmortemLibrary,
  checkSearch,
  checkSloReview,
  signInAs,
} from './restrictedService';

// Runs only against a backend started with app-config.restricted.yaml, whose guest
// button signs in as noor.rahman of risk-engineering, the owner group of the
// restricted service fraud-detection (playwright.config.ts: PLAYWRIGHT_RESTRICTED_URL;
// scripts/test.sh starts that backend). The guest's side: sre-visibility.test.ts.

test('a member of its owner group sees the restricted service everywhere and edits its postmortem', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const backend = await signInAs(page, 'user:default/noor.rahman');
  const shown = { visible: true };
  await checkCatalogList(page, shown);
  await checkEntityPage(page, shown);
  await checkCoverage(page, shown);
  await checkSloReview(page, shown);
  await checkPostmortemLibrary(page, shown);
  await checkSearch(page, shown);

  // Open its postmortem from the library, edit a field, save, see the change.
  const impact = `About 1,100 orders waited more than two hours (edited by e2e ${Date.now()}).`;
  await page.goto('/sre/postmortems');
  await page
    .getByRole('table', { name: 'Postmortem library' })
    .getByRole('link', { name: RESTRICTED.postmortemTitle })
    .click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/fraud-detection\/postmortems\/[^/]+$/,
  );
  const postmortemUrl = new URL(page.url()).pathname;
  // Granted: the Edit button is a link to the form (LinkButton, role button).
  const edit = page.getByRole('button', { name: /^Edit/ });
  await expect(edit).toHaveAttribute('href', /\/edit$/);
  await edit.click();
  await expect(page).toHaveURL(new RegExp(`${postmortemUrl}/edit$`));
  await page.locator('#sre-postmortem-impact').fill(impact);
  await page.getByRole('button', { name: 'Save changes' }).click();

  await expect(page).toHaveURL(new RegExp(`${postmortemUrl}$`));
  await expect(
    page.getByRole('heading', { name: RESTRICTED.postmortemTitle }),
  ).toBeVisible();
  await expect(page.getByText(impact).first()).toBeVisible();
  // After a reload too: it was stored, not only shown.
  await page.reload();
  await expect(page.getByText(impact).first()).toBeVisible();
  backend.expectOneBackend();
});
