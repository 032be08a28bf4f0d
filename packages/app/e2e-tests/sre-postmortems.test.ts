import { expect, Page, test } from '@playwright/test';
import { signIn } from './signIn';

// Runs against the demo app with the demo data seeded (examples/seed): the guest user
// belongs to checkout-team, and the demo's permission policy lets it write postmortems
// of the services checkout-team owns or supports.

/** Where the app mounts the postmortem library: a tab of the SRE page. */
const LIBRARY_PATH = '/sre/postmortems';
const CHECKOUT_API = '/catalog/default/component/checkout-api';
const CHECKOUT_TEAM = '/catalog/default/group/checkout-team';

const pad = (n: number) => String(n).padStart(2, '0');

/** A `datetime-local` value, `days` ago at 09:30 in the browser's (= this machine's) time zone. */
function localDateTime(daysAgo: number): string {
  const d = new Date(Date.now() - daysAgo * 24 * 3600_000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(
    d.getDate(),
  )}T09:30`;
}

/** A `YYYY-MM-DD` date `days` ago (UTC, as the backend counts overdue items). */
function dateDaysAgo(days: number): string {
  return new Date(Date.now() - days * 24 * 3600_000).toISOString().slice(0, 10);
}

/** Reloads the search page for `query` until `text` shows up or the time is up. */
async function findInSearch(
  page: Page,
  query: string,
  text: string,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.goto(`/search?query=${encodeURIComponent(query)}`);
    try {
      await expect(page.getByText(text).first()).toBeVisible({
        timeout: 10_000,
      });
      return true;
    } catch {
      if (Date.now() > deadline) return false;
      await page.waitForTimeout(5_000);
    }
  }
}

test('a quick postmortem written on a service shows in the library, in search and on the team page', async ({
  page,
}) => {
  // Global search indexes published postmortems on a schedule (see below).
  test.setTimeout(3 * 60_000);
  const token = `e2e${Date.now()}`;
  const title = `Checkout retries exhausted ${token}`;
  const actionItem = `Add jitter to checkout retries ${token}`;

  await signIn(page);

  // 1. Write it on checkout-api's "Incidents & postmortems" tab.
  await page.goto(`${CHECKOUT_API}/postmortems`);
  await page.getByRole('button', { name: 'New postmortem' }).first().click();
  const form = page.getByTestId('sre-postmortem-form');
  await expect(form).toBeVisible();
  // The quick template is the default; the service is pre-filled.
  await expect(
    form.getByRole('button', { name: 'component:default/checkout-api' }),
  ).toBeVisible();
  await page.locator('#sre-postmortem-title').fill(title);
  await page.locator('#sre-postmortem-severity').selectOption('SEV3');
  await page.locator('#sre-postmortem-status').selectOption('published');
  await page.locator('#sre-postmortem-startedAt').fill(localDateTime(2));
  await page
    .locator('#sre-postmortem-summary')
    .fill(
      `Checkout retried a failing dependency without jitter and ran out of connections (${token}).`,
    );
  await form.getByLabel('Action item', { exact: true }).fill(actionItem);
  await form
    .getByLabel('Owner', { exact: true })
    .fill('group:default/checkout-team');
  // Due a week ago and still open: overdue.
  await form.getByLabel('Due date', { exact: true }).fill(dateDaysAgo(7));
  await form.getByLabel('Priority', { exact: true }).selectOption('P1');
  await form.getByRole('button', { name: 'Save postmortem' }).click();

  // It opens as stored, with its overdue action item.
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/checkout-api\/postmortems\/[^/]+$/,
  );
  const postmortemUrl = new URL(page.url()).pathname;
  const items = page.getByRole('table', { name: 'Action items' });
  await expect(
    items.getByRole('row', { name: new RegExp(token) }),
  ).toContainText('Overdue');

  // 2. Find it in the postmortem library of the SRE page.
  await page.goto(LIBRARY_PATH);
  await page.locator('#sre-postmortem-library-search').fill(token);
  const library = page.getByRole('table', { name: 'Postmortem library' });
  await expect(library.getByRole('link', { name: title })).toBeVisible();
  // With its team, from the owner of checkout-api.
  await expect(
    library
      .getByRole('row', { name: new RegExp(token) })
      .locator('a[href$="/group/checkout-team"]'),
  ).toBeVisible();
  await library.getByRole('link', { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`${postmortemUrl}$`));

  // 3. Global search: the collator indexes published postmortems on a schedule
  // (every 15 s in scripts/test.sh's backend; 10 minutes by default).
  expect(await findInSearch(page, token, title, 90_000)).toBe(true);
  await page.getByRole('link', { name: title }).first().click();
  await expect(page).toHaveURL(new RegExp(`${postmortemUrl}$`));
  await expect(page.getByRole('heading', { name: title })).toBeVisible();

  // 4. The overdue action item on the checkout-team page.
  await page.goto(CHECKOUT_TEAM);
  const card = page.getByTestId('sre-group-postmortems-card');
  const overdue = card.getByRole('table', {
    name: 'Overdue action items of the team',
  });
  const row = overdue.getByRole('row', { name: new RegExp(token) });
  await expect(row).toContainText(actionItem);
  await expect(row).toContainText('Overdue');
  await expect(row.getByRole('link', { name: title })).toHaveAttribute(
    'href',
    postmortemUrl,
  );
});

test("a service's Runbooks tab shows its runbooks, stale ones and the alerts without one", async ({
  page,
}) => {
  await signIn(page);
  // payment-gateway: two repository runbooks, the fail-over one not reviewed for long.
  await page.goto('/catalog/default/component/payment-gateway/runbooks');
  const runbooks = page.getByRole('table', { name: 'Runbooks' });
  await expect(
    runbooks.getByRole('row', { name: /Fail over a payment provider/ }),
  ).toContainText('Stale');
  await expect(
    runbooks.getByRole('row', { name: /Card authorisations failing/ }),
  ).not.toContainText('Stale');
  // The selected runbook is rendered, not only linked.
  await expect(
    page
      .getByTestId('sre-runbook-viewer')
      .getByRole('heading', { name: 'Diagnose' }),
  ).toBeVisible();

  // product-catalog-api: its SLO's ticket alert has no runbook.
  await page.goto('/catalog/default/component/product-catalog-api/runbooks');
  const coverage = page.getByRole('table', { name: 'Alert coverage' });
  await expect(
    coverage.getByRole('row', { name: /product-search-latency:ticket/ }),
  ).toContainText('No runbook');
  await expect(
    coverage.getByRole('row', { name: /product-search-latency:page/ }),
  ).toContainText('Product search suddenly slow');
});

test('postmortem text with HTML, scripts and javascript: links renders inert', async ({
  page,
  request,
}) => {
  const { backstageIdentity } = await (
    await request.get('/api/auth/guest/refresh')
  ).json();
  const hostile = [
    'Hostile <img src="x" onerror="window.__pwned = 1"> input',
    '<script>window.__pwned = 2</script>',
    '[click me](javascript:window.__pwned=3)',
  ].join('\n\n');
  const created = await request.post('/api/sre/postmortems', {
    headers: { Authorization: `Bearer ${backstageIdentity.token}` },
    data: {
      template: 'quick',
      title: `Hostile text ${Date.now()}`,
      severity: 'SEV4',
      startedAt: new Date(Date.now() - 3600_000).toISOString(),
      entityRefs: ['component:default/checkout-api'],
      summary: hostile,
    },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();

  await signIn(page);
  await page.goto(`${CHECKOUT_API}/postmortems/${id}`);
  const summary = page.getByText('Hostile', { exact: false }).first();
  await expect(summary).toBeVisible();
  const content = page.locator('main');
  // Markdown may keep the image, never its event handler or the script.
  await expect(content.locator('[onerror]')).toHaveCount(0);
  await expect(content.locator('script')).toHaveCount(0);
  const handlers = await content.evaluate(root =>
    [...root.querySelectorAll('*')].flatMap(el =>
      [...el.attributes].map(a => a.name).filter(n => /^on/i.test(n)),
    ),
  );
  expect(handlers).toEqual([]);
  const link = content.getByText('click me');
  if (await link.count()) {
    const href = await link.first().getAttribute('href');
    expect(href ?? '').not.toMatch(/^javascript:/i);
    await link.first().click({ trial: true });
  }
  expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
});
