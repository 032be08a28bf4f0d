import { mockServices } from '@backstage/backend-test-utils';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogHidingEntities } from '../../postmortems/__testUtils__/catalogHidingEntities';
import {
  CatalogVisibility,
  CatalogVisibilityOptions,
} from '../CatalogVisibility';
import { componentEntity } from './componentEntity';

/**
 * A CatalogVisibility over a catalog of bare components (`componentEntity` of each
 * name) that hides `hidden[principal]` (changeable during a test) and refuses the
 * principals in `refused`, as catalogHidingEntities does; on a clock the test
 * moves. The catalog's calls are recorded in `byRefsCalls`, and can be held until
 * released.
 */
export function catalogVisibilityFixture(
  componentNames: string[],
  settings: {
    options: CatalogVisibilityOptions;
    hidden?: Record<string, string[]>;
    refused?: string[];
  },
) {
  let now = 0;
  const hidden = settings.hidden ?? {};
  const fake = catalogHidingEntities(
    componentNames.map(componentEntity),
    hidden,
    {
      refused: settings.refused,
    },
  );
  let held: Array<() => void> | undefined;
  const catalog = {
    async getEntitiesByRefs(
      ...args: Parameters<CatalogService['getEntitiesByRefs']>
    ) {
      if (held) await new Promise<void>(r => held!.push(r));
      return fake.catalog.getEntitiesByRefs(...args);
    },
  } as unknown as CatalogService;
  const visibility = new CatalogVisibility(
    { catalog, auth: mockServices.auth() },
    { clock: () => now, ...settings.options },
  );
  return {
    visibility,
    hidden,
    byRefsCalls: fake.byRefsCalls,
    advance: (ms: number) => {
      now += ms;
    },
    hold: () => {
      held = [];
    },
    /** Lets the held calls, and any later ones, through. */
    release: () => {
      const waiting = held ?? [];
      held = undefined;
      waiting.forEach(r => r());
    },
  };
}
