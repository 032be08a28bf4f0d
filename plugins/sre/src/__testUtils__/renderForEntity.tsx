import { ReactElement } from 'react';
import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { SreApi, sreApiRef } from '../api';
import { rootRouteRef } from '../routes';

/** @public */
export type RenderForEntityOptions = {
  /** Provide an empty mock catalog API, for extensions that ask the catalog. */
  withCatalog?: boolean;
  /** Mount the SRE page at `/sre`, so that links to its views resolve. */
  mountSrePage?: boolean;
  /** The URL to render at (`/` by default). */
  route?: string;
};

/**
 * Renders an entity card or tab of the plugin on `entity`'s page, with `api` as the SRE
 * API and entity links resolving to `/catalog/:namespace/:kind/:name`.
 */
export function renderForEntity(
  element: ReactElement,
  api: SreApi,
  entity: Entity,
  options: RenderForEntityOptions = {},
) {
  return renderInTestApp(
    <TestApiProvider apis={[[sreApiRef, api]]}>
      {options.withCatalog ? (
        <TestApiProvider apis={[[catalogApiRef, catalogApiMock()]]}>
          <EntityProvider entity={entity}>{element}</EntityProvider>
        </TestApiProvider>
      ) : (
        <EntityProvider entity={entity}>{element}</EntityProvider>
      )}
    </TestApiProvider>,
    {
      routeEntries: options.route ? [options.route] : undefined,
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        ...(options.mountSrePage ? { '/sre': rootRouteRef } : {}),
      },
    },
  );
}
