import { expect, test } from '@playwright/test';
import { signIn } from './signIn';

test('a service page shows its SRE engagement and highlights a responsibility gap', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/catalog/default/component/search-indexer');
  const card = page.getByTestId('sre-ownership-card');
  await expect(card).toBeVisible();
  await expect(card.getByText('embedded', { exact: true })).toBeVisible();
  await expect(card.getByText(/SREs sit in the product team/)).toBeVisible();
  // on-call is given to embedded SREs, and the service has none: a gap.
  await expect(card.getByText('Gap: nobody holds on-call')).toBeVisible();

  if (process.env.SRE_UPDATE_SCREENSHOTS) {
    await card.screenshot({
      path: `${__dirname}/../../../docs/images/ownership-card.png`,
    });
  }
});

test('a service inheriting its System engagement says where it came from', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/catalog/default/component/payment-gateway');
  const card = page.getByTestId('sre-ownership-card');
  await expect(card.getByText('central', { exact: true })).toBeVisible();
  await expect(card.getByText(/system:default\/payments/)).toBeVisible();
});

test('the coverage page lists services without SRE support first', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/sre');
  const firstRow = page.getByRole('row').nth(1);
  await expect(firstRow).toContainText('legacy-invoicing');
  await expect(firstRow).toContainText('No SRE support');
});

test('the SRE ownership card opens the overview, above the relations graph, without scrolling', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/catalog/default/component/search-indexer');
  const card = page.getByTestId('sre-ownership-card');
  await expect(card).toBeVisible();
  const box = await card.boundingBox();
  expect(box!.y).toBeLessThan(page.viewportSize()!.height);
  const relations = page.getByText('Relations', { exact: true }).first();
  if (await relations.isVisible()) {
    expect(box!.y).toBeLessThan((await relations.boundingBox())!.y);
  }
});

test('the coverage chart labels every engagement model, the first one too', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/sre');
  const ticks = page.locator('.recharts-xAxis .recharts-cartesian-axis-tick');
  await expect(ticks.filter({ hasText: 'embedded' })).toBeVisible();
  await expect(ticks.filter({ hasText: 'undeclared' })).toBeVisible();
});
