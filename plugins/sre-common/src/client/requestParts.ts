import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

// How SreApiClient turns its arguments into paths, queries and fetch calls.

/** An entity path, lower case as the backend stores refs. */
export function pathOf(ref: CompoundEntityRef | string, defaultKind?: string) {
  const parsed =
    typeof ref === 'string'
      ? parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' })
      : ref;
  return {
    kind: parsed.kind.toLocaleLowerCase('en-US'),
    namespace: (parsed.namespace || 'default').toLocaleLowerCase('en-US'),
    name: parsed.name.toLocaleLowerCase('en-US'),
  };
}

/** A ref for a query string (`kind:namespace/name`, lower case); a malformed one is sent as is, for the backend to name. */
export function refParam(
  ref: CompoundEntityRef | string | undefined,
  defaultKind: string,
): string | undefined {
  if (!ref) return undefined;
  try {
    return stringifyEntityRef(pathOf(ref, defaultKind));
  } catch {
    return String(ref);
  }
}

/**
 * A request as a URL and its init: Backstage's fetch API middlewares build a new
 * Request from the one they get and pass the old one on, whose body is then used
 * up, so a POST must not reach them as a Request.
 */
export async function asUrlAndInit(
  request: Request,
): Promise<[string, RequestInit]> {
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  return [
    request.url,
    {
      method: request.method,
      headers: request.headers,
      body: hasBody ? await request.text() : undefined,
      signal: request.signal,
    },
  ];
}

/** A query without the parameters left out or blank. */
export function query<T extends Record<string, unknown>>(params: T): T {
  return Object.fromEntries(
    Object.entries(params).filter(([, v]) => v !== undefined && v !== ''),
  ) as T;
}
