import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import {
  Entity,
  getEntitySourceLocation,
  parseLocationRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { ANNOTATION_RUNBOOKS } from '@sre-catalog/backstage-plugin-sre-common';
import { dirname } from 'node:path';

/** Where an entity's runbook files are, once the annotation is resolved. */
export type RunbooksLocation =
  | {
      /** A folder or file on the backend's file system (a `file:` catalog location). */
      type: 'dir';
      target: string;
      /** The folder of the entity's catalog file; the target must stay inside it. */
      base: string;
    }
  | {
      /** A folder or file read through the URL reader. */
      type: 'url';
      target: string;
    };

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Resolves the `sre-catalog.io/runbooks` annotation the way TechDocs resolves
 * `backstage.io/techdocs-ref` (`transformDirLocation` of
 * `@backstage/plugin-techdocs-node`): `dir:` is relative to the entity's source
 * location, which for an entity from a `url:` location becomes a URL resolved by the
 * SCM integrations, and for a `file:` location a folder next to the catalog file.
 * `url:` is taken as it is. Returns undefined when the entity has no annotation;
 * throws an `InputError` that says what is wrong with it.
 */
export function resolveRunbooksLocation(
  entity: Entity,
  integrations: Pick<ScmIntegrationRegistry, 'resolveUrl'>,
): RunbooksLocation | undefined {
  const raw = entity.metadata.annotations?.[ANNOTATION_RUNBOOKS];
  if (raw === undefined) return undefined;
  const value = raw.trim();
  let ref: { type: string; target: string };
  try {
    ref = parseLocationRef(value);
  } catch {
    throw new InputError(
      `${ANNOTATION_RUNBOOKS} must be dir:<path relative to the catalog file> or url:<location>, not "${raw}"`,
    );
  }

  if (ref.type === 'url') {
    if (!isHttpUrl(ref.target)) {
      throw new InputError(
        `${ANNOTATION_RUNBOOKS} "${raw}" is not an http(s) URL`,
      );
    }
    return { type: 'url', target: ref.target };
  }
  if (ref.type !== 'dir') {
    throw new InputError(
      `${ANNOTATION_RUNBOOKS} must start with dir: or url:, not ${ref.type}: ("${raw}")`,
    );
  }

  let source: { type: string; target: string };
  try {
    source = getEntitySourceLocation(entity);
  } catch {
    throw new InputError(
      `${ANNOTATION_RUNBOOKS} "${raw}" is relative, but the entity has no backstage.io/source-location or backstage.io/managed-by-location annotation to resolve it from`,
    );
  }
  switch (source.type) {
    case 'url':
      return {
        type: 'url',
        target: integrations.resolveUrl({
          url: ref.target,
          base: source.target,
        }),
      };
    case 'file': {
      const base = dirname(source.target);
      try {
        return {
          type: 'dir',
          target: resolveSafeChildPath(base, ref.target),
          base,
        };
      } catch {
        throw new InputError(
          `${ANNOTATION_RUNBOOKS} "${raw}" leaves the folder of the entity's catalog file`,
        );
      }
    }
    default:
      throw new InputError(
        `${ANNOTATION_RUNBOOKS} "${raw}" cannot be resolved against a ${source.type}: location; use url:`,
      );
  }
}
