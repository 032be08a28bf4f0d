import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

// The shapes of paths and queries are checked by the OpenAPI validator against
// openapi.yaml; these only turn what passed into the refs the services take.

/** The entity a `/{kind}/{namespace}/{name}` path names. */
export function entityRefFromPath(params: {
  kind: string;
  namespace: string;
  name: string;
}): CompoundEntityRef {
  const { kind, namespace, name } = params;
  return { kind, namespace, name };
}

/** The normalised ref of the SLO a `/slos/{namespace}/{name}/...` path names. */
export function sloRefFromPath(params: {
  namespace: string;
  name: string;
}): string {
  return stringifyEntityRef({ kind: 'slo', ...params }).toLocaleLowerCase(
    'en-US',
  );
}

/**
 * An entity ref of a query string (`[kind:][namespace/]name`), normalised to
 * `kind:namespace/name` in lower case.
 */
export function entityRefFromQuery(value: string, defaultKind: string): string;
export function entityRefFromQuery(
  value: string | undefined,
  defaultKind: string,
): string | undefined;
export function entityRefFromQuery(
  value: string | undefined,
  defaultKind: string,
): string | undefined {
  if (value === undefined) return undefined;
  return stringifyEntityRef(
    parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
  ).toLocaleLowerCase('en-US');
}
