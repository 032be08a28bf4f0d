import { expect, Page } from '@playwright/test';
import { signIn } from './signIn';

// The demo's restricted service (examples/README.md, "Restricted service") and the
// pages it shows on. Each check runs for the guest (`visible: false`, on the default
// backend) and for a member of its owner group (`visible: true`, on the backend
// started with app-config.restricted.yaml). Both run the same steps on the same
// data, so the owner's run proves that what the guest's run does not find is there
// to be found. Every check first waits for a visible neighbour, so that "absent"
// never means "not loaded yet".

export const RESTRICTED = {
  service: 'fraud-detection',
  entityPath: '/catalog/default/component/fraud-detection',
  description: 'Holds orders that match the confidential fraud rules',
  sloTitle: 'Held orders decided in time',
  postmortemTitle: 'Orders held for hours after a fraud rule misfired',
  runbookTitle: 'Review queue backlog',
  team: 'Risk Engineering (risk-engineering)',
};

/** A visible service, in the same System area, that also matches "fraud". */
const NEIGHBOUR = {
  service: 'fraud-scoring',
  sloTitle: 'Card authorisations',
  postmortemTitle: 'Fraud scoring blocked good orders after a model release',
};

/**
 * Links to anything restricted in the demo: the service and its pages (postmortems,
 * runbooks), its SLO, its owner group and the group's members.
 */
const RESTRICTED_HREF =
  /\/(component\/fraud-detection|slo\/fraud-detection-decisions|group\/risk-engineering|user\/(noor\.rahman|oskar\.lind))([/?#]|$)/;

type Visibility = { visible: boolean };

/** Asserts that the current page links to nothing restricted. */
export async function expectNoRestrictedLinks(page: Page) {
  const hrefs = await page
    .locator('a[href]')
    .evaluateAll(links => links.map(a => a.getAttribute('href') ?? ''));
  expect(hrefs.filter(href => RESTRICTED_HREF.test(href))).toEqual([]);
}

/**
 * Signs in with the guest button of the backend under test and checks who that is,
 * and records every API call of the page: `expectOneBackend` then asserts that they
 * all went to that backend (the built app reads its backend URL from the config its
 * backend injects, so a wrong `backend.baseUrl` would send them elsewhere).
 */
export async function signInAs(page: Page, userEntityRef: string) {
  const origins = new Set<string>();
  page.on('request', request => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) origins.add(url.origin);
  });
  await signIn(page);
  const refresh = await page.request.get('/api/auth/guest/refresh');
  expect(refresh.status()).toBe(200);
  const { backstageIdentity } = await refresh.json();
  expect(backstageIdentity.identity.userEntityRef).toBe(userEntityRef);
  return {
    expectOneBackend: () => {
      expect([...origins]).toEqual([new URL(page.url()).origin]);
    },
  };
}

/** The catalog page: the list of all Components, and its search box. */
export async function checkCatalogList(page: Page, { visible }: Visibility) {
  await page.goto('/?filters%5Bkind%5D=component&filters%5Buser%5D=all');
  const link = (name: string) =>
    page.getByRole('table').getByRole('link', { name, exact: true });
  await expect(link(NEIGHBOUR.service)).toBeVisible();
  await expect(link('ledger-service')).toBeVisible();
  await expect(link(RESTRICTED.service)).toHaveCount(visible ? 1 : 0);

  await page.getByPlaceholder('Search').fill('fraud');
  await expect(link('ledger-service')).toHaveCount(0); // the search applies
  await expect(link(NEIGHBOUR.service)).toBeVisible();
  if (visible) {
    await expect(link(RESTRICTED.service)).toBeVisible();
  } else {
    await expect(link(RESTRICTED.service)).toHaveCount(0);
    await expectNoRestrictedLinks(page);
  }
}

/** The service's own page: its overview, or "not found". */
export async function checkEntityPage(page: Page, { visible }: Visibility) {
  await page.goto(RESTRICTED.entityPath);
  if (visible) {
    await expect(page.getByText(RESTRICTED.description).first()).toBeVisible();
    await expect(page.getByTestId('sre-ownership-card')).toBeVisible();
  } else {
    await expect(page.getByText('Entity not found')).toBeVisible();
    await expect(page.getByText(RESTRICTED.description)).toHaveCount(0);
  }
}

/** Reliability > Coverage: the services table and its search. */
export async function checkCoverage(page: Page, { visible }: Visibility) {
  await page.goto('/sre');
  const table = page.getByRole('table');
  const link = (name: string) => table.getByRole('link', { name, exact: true });
  await expect(link(NEIGHBOUR.service)).toBeVisible();
  await page.getByRole('textbox', { name: 'Search' }).fill('fraud');
  await expect(link('ledger-service')).toHaveCount(0);
  await expect(link(NEIGHBOUR.service)).toBeVisible();
  if (visible) {
    await expect(link(RESTRICTED.service)).toBeVisible();
  } else {
    await expect(link(RESTRICTED.service)).toHaveCount(0);
    await expectNoRestrictedLinks(page);
  }
}

/** Reliability > SLO review: every SLO of the organisation. */
export async function checkSloReview(page: Page, { visible }: Visibility) {
  await page.goto('/sre/slo-review');
  const slos = page.getByRole('table', { name: 'SLOs' });
  await expect(
    slos.getByText(NEIGHBOUR.sloTitle, { exact: true }),
  ).toBeVisible();
  const restricted = slos.getByRole('row', { name: /fraud-detection/ });
  if (visible) {
    await expect(restricted).toContainText(RESTRICTED.sloTitle);
  } else {
    await expect(restricted).toHaveCount(0);
    await expect(slos.getByText(RESTRICTED.sloTitle)).toHaveCount(0);
    await expectNoRestrictedLinks(page);
  }
}

/** Reliability > Postmortem library: its list and its team filter. */
export async function checkPostmortemLibrary(
  page: Page,
  { visible }: Visibility,
) {
  await page.goto('/sre/postmortems');
  const library = page.getByRole('table', { name: 'Postmortem library' });
  await expect(
    library.getByRole('link', { name: NEIGHBOUR.postmortemTitle }),
  ).toBeVisible();
  const restricted = library.getByRole('link', {
    name: RESTRICTED.postmortemTitle,
  });
  const teamOption = page.getByRole('option', { name: RESTRICTED.team });
  if (visible) {
    await expect(restricted).toBeVisible();
    await expect(teamOption).toHaveCount(1);
  } else {
    await expect(restricted).toHaveCount(0);
    await expect(teamOption).toHaveCount(0);
    await expect(page.getByText(RESTRICTED.postmortemTitle)).toHaveCount(0);
    await expectNoRestrictedLinks(page);
  }
}

/**
 * Global search for "fraud". The collators index on a schedule (every 15 s in
 * scripts/test.sh's backends), so the page is reloaded until the visible
 * neighbours (catalog and postmortem documents), and for the owner the restricted
 * service and its runbook, are found.
 */
export async function checkSearch(page: Page, { visible }: Visibility) {
  const result = (title: string) => page.getByText(title, { exact: true });
  await expect(async () => {
    await page.goto('/search?query=fraud');
    await expect(result(NEIGHBOUR.service)).toBeVisible({ timeout: 5_000 });
    await expect(result(NEIGHBOUR.postmortemTitle)).toBeVisible({
      timeout: 1_000,
    });
    if (visible) {
      await expect(result(RESTRICTED.service)).toBeVisible({ timeout: 1_000 });
      await expect(result(RESTRICTED.runbookTitle)).toBeVisible({
        timeout: 1_000,
      });
    }
  }).toPass({ timeout: 90_000 });
  if (!visible) {
    for (const title of [
      RESTRICTED.service,
      'fraud-detection-decisions',
      'risk-engineering',
      RESTRICTED.runbookTitle,
      RESTRICTED.postmortemTitle,
    ]) {
      await expect(result(title)).toHaveCount(0);
    }
    await expectNoRestrictedLinks(page);
  }
}
