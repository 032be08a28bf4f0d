import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * An in-memory catalog that, like the real one under a permission policy, leaves
 * out entities hidden from a user: `hidden` maps a user entity ref to the refs
 * (`kind:namespace/name`, lower case) that user cannot see. Every other caller,
 * service principals included, sees everything. Calls are counted per method.
 */
export function catalogHidingFrom(
  entities: Entity[],
  hidden: Record<string, string[]>,
): CatalogService & { calls: Record<string, number> } {
  const everything = new InMemoryCatalogClient({ entities });
  const perUser = new Map(
    Object.entries(hidden).map(([user, refs]) => [
      user,
      new InMemoryCatalogClient({
        entities: entities.filter(
          e => !refs.includes(stringifyEntityRef(e).toLocaleLowerCase('en-US')),
        ),
      }),
    ]),
  );
  const clientFor = (credentials?: BackstageCredentials) => {
    const principal = credentials?.principal as
      | { userEntityRef?: string }
      | undefined;
    return perUser.get(principal?.userEntityRef ?? '') ?? everything;
  };
  const calls: Record<string, number> = {};
  type Counted = CatalogService & { calls: Record<string, number> };
  return new Proxy({ calls } as unknown as Counted, {
    get(_target, prop) {
      if (prop === 'calls') return calls;
      // Not a thenable, nor anything else a caller may probe for.
      if (typeof prop === 'symbol' || prop === 'then') return undefined;
      const name = String(prop);
      return (...args: unknown[]) => {
        calls[name] = (calls[name] ?? 0) + 1;
        const options = args[args.length - 1] as
          | { credentials?: BackstageCredentials }
          | undefined;
        const client = clientFor(options?.credentials) as unknown as Record<
          string,
          (...a: unknown[]) => unknown
        >;
        return client[name](...args);
      };
    },
  });
}
