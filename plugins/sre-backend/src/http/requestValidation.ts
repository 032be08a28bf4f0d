import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { z } from 'zod/v4';

// The catalog's own rules for names, namespaces and kinds.
const NAME = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$/;
const KIND = /^[a-zA-Z][a-zA-Z0-9-]{0,62}$/;

/** The entity a path names; throws an InputError naming the bad segment. */
export function entityRefFromPath(
  params: Record<string, string>,
): CompoundEntityRef {
  const { kind, namespace, name } = params;
  for (const [field, value, pattern] of [
    ['kind', kind, KIND],
    ['namespace', namespace, NAME],
    ['name', name, NAME],
  ] as const) {
    if (!pattern.test(value)) {
      throw new InputError(`Invalid ${field} "${value}" in the entity path`);
    }
  }
  return { kind, namespace, name };
}

/** The ref of the SLO a `/slos/{namespace}/{name}/...` path names. */
export function sloRefFromPath(params: Record<string, string>): string {
  return stringifyEntityRef(
    entityRefFromPath({ kind: 'slo', ...params }),
  ).toLocaleLowerCase('en-US');
}

/** An entity ref in a query string, normalised to `kind:namespace/name`. */
export const entityRefParam = (defaultKind: string) =>
  z
    .string()
    .max(300)
    .transform((value, ctx) => {
      try {
        const ref = parseEntityRef(value, {
          defaultKind,
          defaultNamespace: 'default',
        });
        if (NAME.test(ref.name) && NAME.test(ref.namespace)) {
          return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
        }
      } catch {
        // reported below
      }
      ctx.addIssue({
        code: 'custom',
        message: `must be an entity ref such as ${defaultKind}:default/name`,
      });
      return z.NEVER;
    });

/** Validates a query string; an InputError names the first bad parameter. */
export function parseQuery<T>(schema: z.ZodType<T>, query: unknown): T {
  const result = schema.safeParse(query);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.join('.') || 'query';
    throw new InputError(
      issue.code === 'unrecognized_keys'
        ? `Unknown query parameter ${issue.keys.join(', ')}`
        : `Invalid query parameter ${field}: ${issue.message}`,
    );
  }
  return result.data;
}
