import { expect, test } from '@playwright/test';
import { signIn } from './signIn';

// The demo SLO data is pushed by examples/seed/seed-demo-data.mjs before the tests
// (scripts/test.sh runs it); statuses are evaluated every 30 seconds.

test('the SLO tab of a fast-burning service shows the page alert and its firing windows', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page);
  await expect(async () => {
    await page.goto('/catalog/default/component/payment-gateway/slos');
    await expect(
      page.getByText('Card authorisations', { exact: true }),
    ).toBeVisible({
      timeout: 5_000,
    });
    await expect(page.getByText('Page', { exact: true }).first()).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 90_000 });
  await expect(
    page.getByText('99.95% of events are good over 30 days'),
  ).toBeVisible();
  await expect(page.getByText('Firing').first()).toBeVisible();
  await expect(page.getByText(/Budget gone in/)).toBeVisible();
});

test('the SLO review lists the overspent SLO first and filters by alert state', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page);
  await expect(async () => {
    await page.goto('/sre/slo-review');
    const firstRow = page.getByRole('row').nth(1);
    await expect(firstRow).toContainText('refund-service', { timeout: 5_000 });
    await expect(firstRow).toContainText('overspent');
  }).toPass({ timeout: 90_000 });

  await page.goto('/sre/slo-review?alert=page');
  const rows = page.getByRole('row');
  await expect(rows.nth(1)).toContainText('payment-gateway');
  await expect(rows.filter({ hasText: 'refund-service' })).toHaveCount(0);
});

test('the SLO tab names a refused SLO document and why', async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page);
  // The catalog reports its processing errors on each round; the backend records them.
  await expect(async () => {
    await page.goto('/catalog/default/component/search-indexer/slos');
    await expect(page.getByText(/search-index-freshness/).first()).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 120_000 });
  await expect(
    page.getByText(/give target or targetPercent, not both/),
  ).toBeVisible();
});
