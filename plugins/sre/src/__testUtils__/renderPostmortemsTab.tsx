import { ResponseError } from '@backstage/errors';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { SreApi, sreApiRef } from '../api';
import { EntityPostmortemsContent } from '../postmortems/EntityPostmortemsContent/EntityPostmortemsContent';
import { checkoutApiEntity } from './runbookPostmortemFixtures';
import { FreshPermissionCache, permissionApiThat } from './permissionFixtures';

/** Where the tab is mounted in these tests: checkout-api's postmortems. */
export const POSTMORTEMS_TAB =
  '/catalog/default/component/checkout-api/postmortems';

/**
 * Renders checkout-api's "Incidents & postmortems" tab at `path` under it, with the
 * SRE API and a permission API (allowing everything unless given).
 */
export function renderPostmortemsTab(
  api: SreApi,
  path: string,
  permissionApi: PermissionApi = permissionApiThat(),
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [sreApiRef, api],
        [permissionApiRef, permissionApi],
      ]}
    >
      <FreshPermissionCache>
        <EntityProvider entity={checkoutApiEntity}>
          <Routes>
            <Route
              path={`${POSTMORTEMS_TAB}/*`}
              element={<EntityPostmortemsContent />}
            />
          </Routes>
        </EntityProvider>
      </FreshPermissionCache>
    </TestApiProvider>,
    {
      routeEntries: [`${POSTMORTEMS_TAB}${path}`],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

const ERROR_NAMES: Record<number, string> = {
  403: 'NotAllowedError',
  409: 'ConflictError',
};

/** The error the client throws for a backend answer with this status and message. */
export async function responseError(status: number, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: ERROR_NAMES[status] ?? 'InputError', message },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ) as any,
  );
}

/** Types into a field the way a user pastes: focus, then the whole text. */
export async function enter(field: HTMLElement, text: string) {
  await userEvent.click(field);
  await userEvent.paste(text);
}
