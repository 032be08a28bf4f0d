/*
 * Copyright 2023 The Backstage Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

import { defineConfig } from '@playwright/test';
import { generateProjects } from '@backstage/e2e-test-utils/playwright';

// Debian's Chromium instead of Playwright's downloaded browsers or Google Chrome, which
// this machine kind cannot fetch. Override with PLAYWRIGHT_CHROMIUM_PATH.
const chromium = {
  launchOptions: {
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox', // CI runs as root, where Chromium's sandbox refuses to start
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  },
};

/** Specs that sign in as a member of the restricted service's owner group. */
const RESTRICTED_SPECS = /\.restricted\.test\.ts$/;
const restrictedUrl = process.env.PLAYWRIGHT_RESTRICTED_URL;

/**
 * See https://playwright.dev/docs/test-configuration.
 */
export default defineConfig({
  timeout: 60_000,

  expect: {
    timeout: 30_000,
  },

  // Run your local dev server before starting the tests, unless CI or scripts/test.sh
  // (which starts the backend itself and sets PLAYWRIGHT_URL) provides one.
  webServer:
    process.env.CI || process.env.PLAYWRIGHT_URL
      ? []
      : [
          {
            command: 'yarn start app',
            url: 'http://localhost:3000',
            reuseExistingServer: true,
            timeout: 120_000,
          },
          {
            command: 'yarn start backend',
            port: 7007,
            reuseExistingServer: true,
            timeout: 60_000,
          },
        ],

  forbidOnly: !!process.env.CI,

  retries: process.env.CI ? 2 : 0,

  // list for the log, json for scripts/test.sh to count the results.
  reporter: [
    ['list'],
    [
      'json',
      {
        outputFile:
          process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ??
          'e2e-test-report/results.json',
      },
    ],
  ],

  use: {
    actionTimeout: 0,
    baseURL:
      process.env.PLAYWRIGHT_URL ??
      (process.env.CI ? 'http://localhost:7007' : 'http://localhost:3000'),
    screenshot: 'only-on-failure',
    trace: 'on-first-retry',
  },

  outputDir: 'node_modules/.cache/e2e-test-results',

  // Find all packages with e2e-test folders. generateProjects() pins channel 'chrome'
  // in every project, so drop it there in favour of the Chromium above.
  // `*.restricted.test.ts` files run only in a second project against the backend
  // in PLAYWRIGHT_RESTRICTED_URL, started with app-config.restricted.yaml (its guest
  // button signs in as a member of the restricted service's owner group);
  // scripts/test.sh starts it. Without that variable they do not run.
  projects: (generateProjects() ?? []).flatMap(
    ({ use: { channel: _, ...use } = {}, ...project }) => [
      {
        ...project,
        testIgnore: RESTRICTED_SPECS,
        use: { ...use, ...chromium },
      },
      ...(restrictedUrl
        ? [
            {
              ...project,
              name: `${project.name} (restricted sign-in)`,
              testMatch: RESTRICTED_SPECS,
              use: { ...use, ...chromium, baseURL: restrictedUrl },
            },
          ]
        : []),
    ],
  ),
});
