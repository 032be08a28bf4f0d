import { parseEntityRef } from '@backstage/catalog-model';

/** `group:default/payments-team` -> `payments-team`; keeps a non-default namespace. */
export function shortRef(ref: string): string {
  try {
    const { namespace, name } = parseEntityRef(ref);
    return namespace === 'default' ? name : `${namespace}/${name}`;
  } catch {
    return ref;
  }
}
