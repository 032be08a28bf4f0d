import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/** Who a caller is, the way the fake catalog decides visibility. */
function principalOf(credentials: BackstageCredentials | undefined): string {
  const principal = credentials?.principal as
    | { type: 'user'; userEntityRef: string }
    | { type: 'service'; subject: string }
    | { type: 'none' }
    | undefined;
  if (principal?.type === 'user') return principal.userEntityRef;
  if (principal?.type === 'service') return principal.subject;
  return 'none';
}

/**
 * An in-memory catalog that, like the real one under a permission policy, leaves out
 * the entities a principal may not read: `hidden` maps a user entity ref (or a
 * service subject) to the entity refs it cannot see. Entities can be removed (they
 * then left the catalog for everyone). Principals in `refused` get a
 * NotAllowedError from every call, as Backstage answers a token whose access
 * restrictions leave out the catalog.
 */
export function catalogHidingEntities(
  entities: Entity[],
  hidden: Record<string, string[]>,
  settings: { refused?: string[] } = {},
) {
  const base = catalogServiceMock({ entities });
  const hides = (ref: string, credentials?: BackstageCredentials) =>
    (hidden[principalOf(credentials)] ?? []).map(lower).includes(lower(ref));
  const refuse = (credentials?: BackstageCredentials) => {
    if (settings.refused?.includes(principalOf(credentials))) {
      throw new NotAllowedError(
        "Access to target plugin 'catalog' is not included in token's access restrictions",
      );
    }
  };
  const byRefsCalls: Array<{ principal: string; entityRefs: string[] }> = [];

  const overrides: Partial<CatalogService> = {
    async getEntitiesByRefs(request, options) {
      refuse(options?.credentials);
      byRefsCalls.push({
        principal: principalOf(options?.credentials),
        entityRefs: request.entityRefs,
      });
      const { items } = await base.getEntitiesByRefs(request);
      return {
        items: items.map((entity, i) =>
          entity && !hides(request.entityRefs[i], options?.credentials)
            ? entity
            : undefined,
        ),
      };
    },
    async getEntityByRef(ref: string | CompoundEntityRef, options) {
      refuse(options?.credentials);
      const text = typeof ref === 'string' ? ref : stringifyEntityRef(ref);
      if (hides(text, options?.credentials)) return undefined;
      return base.getEntityByRef(ref);
    },
    async getEntities(request, options) {
      refuse(options?.credentials);
      const { items } = await base.getEntities(request);
      return {
        items: items.filter(
          e => !hides(stringifyEntityRef(e), options?.credentials),
        ),
      };
    },
  };

  const catalog = new Proxy(base, {
    get(target, prop, receiver) {
      if (prop in overrides) return overrides[prop as keyof CatalogService];
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const last = args[args.length - 1] as
          | { credentials?: BackstageCredentials }
          | undefined;
        refuse(last?.credentials);
        return value.apply(target, args);
      };
    },
  });
  return {
    catalog,
    byRefsCalls,
    remove: (uid: string) => base.removeEntityByUid(uid),
  };
}
