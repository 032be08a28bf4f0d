import {
  Entity,
  KubernetesValidatorFunctions,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ANNOTATION_CENTRAL_SRE,
  ANNOTATION_EMBEDDED_SRES,
  ANNOTATION_ENGAGEMENT,
  ANNOTATION_INTERACTION_MODE,
  ANNOTATION_RESPONSIBILITY_PREFIX,
  ANNOTATION_RUNBOOKS,
  ANNOTATION_TEAM_TYPE,
  ANNOTATION_RESTRICTED_TO,
  ANNOTATION_VISIBILITY,
  SRE_ANNOTATION_PREFIX,
} from '../annotations';
import {
  AnnotationProblem,
  ENGAGEMENT_MODELS,
  EngagementModel,
  INTERACTION_MODES,
  InteractionMode,
  PARTY_ROLES,
  TEAM_TYPES,
  TeamType,
} from './types';

/** @public The SRE annotations of one entity, validated. */
export type SreAnnotations = {
  engagement?: EngagementModel;
  embeddedSres?: string[];
  centralSre?: string;
  interactionMode?: InteractionMode;
  teamType?: TeamType;
  /** The party of each area: a role, or a normalised entity ref. */
  responsibilities: Record<string, string>;
  /** Every annotation that was dropped, and why. */
  problems: AnnotationProblem[];
};

/** @public */
export type ParseSreAnnotationsOptions = {
  /** The areas of the organisation baseline; overrides of other areas are problems. */
  areas: readonly string[];
};

const SERVICE_KINDS = ['component', 'system', 'resource'];
const KNOWN_KEYS = [
  ANNOTATION_ENGAGEMENT,
  ANNOTATION_EMBEDDED_SRES,
  ANNOTATION_CENTRAL_SRE,
  ANNOTATION_INTERACTION_MODE,
  ANNOTATION_TEAM_TYPE,
  ANNOTATION_RUNBOOKS,
  ANNOTATION_VISIBILITY,
  ANNOTATION_RESTRICTED_TO,
];

function oneOf<T extends string>(
  value: string,
  allowed: readonly T[],
): T | undefined {
  return (allowed as readonly string[]).includes(value)
    ? (value as T)
    : undefined;
}

/**
 * Validates a ref and normalises it to `kind:namespace/name`; returns an error
 * message when it is malformed or of a kind that cannot hold the role.
 */
function normaliseRef(
  raw: string,
  options: { defaultKind: string; defaultNamespace: string; kinds: string[] },
): { ref?: string; error?: string } {
  try {
    const ref = parseEntityRef(raw, {
      defaultKind: options.defaultKind,
      defaultNamespace: options.defaultNamespace,
    });
    const kind = ref.kind.toLocaleLowerCase('en-US');
    if (!options.kinds.includes(kind)) {
      return {
        error: `must refer to a ${options.kinds.join(' or ')}, not a ${kind}`,
      };
    }
    if (!KubernetesValidatorFunctions.isValidObjectName(ref.name)) {
      return { error: `"${ref.name}" is not a valid entity name` };
    }
    // Lower-cased as the ref itself is below: the catalog compares refs so.
    const namespace = ref.namespace.toLocaleLowerCase('en-US');
    if (!KubernetesValidatorFunctions.isValidNamespace(namespace)) {
      return { error: `"${ref.namespace}" is not a valid namespace` };
    }
    return {
      ref: stringifyEntityRef({ ...ref, kind }).toLocaleLowerCase('en-US'),
    };
  } catch (e) {
    return { error: `is not a valid entity ref (${(e as Error).message})` };
  }
}

/**
 * Reads and validates the `sre-catalog.io/*` annotations of an entity. Never throws:
 * a bad value is left out and reported as a problem, so one typo does not hide
 * the entity or the rest of its annotations.
 *
 * @public
 */
export function parseSreAnnotations(
  entity: Entity,
  options: ParseSreAnnotationsOptions,
): SreAnnotations {
  const annotations = entity.metadata.annotations ?? {};
  const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const namespace = entity.metadata.namespace ?? 'default';
  const kind = entity.kind.toLocaleLowerCase('en-US');
  const result: SreAnnotations = { responsibilities: {}, problems: [] };
  const problem = (annotation: string, value: string, message: string) =>
    result.problems.push({ entityRef, annotation, value, message });
  /** One of `allowed`; otherwise undefined, and the problem says what was expected. */
  const choice = <T extends string>(
    annotation: string,
    value: string,
    allowed: readonly T[],
    what: string,
  ): T | undefined => {
    const chosen = oneOf(value, allowed);
    if (!chosen) {
      problem(
        annotation,
        value,
        `unknown ${what} "${value}"; expected one of ${allowed.join(', ')}`,
      );
    }
    return chosen;
  };
  const appliesTo = (annotation: string, kinds: string[]) => {
    if (kinds.includes(kind)) return true;
    problem(
      annotation,
      annotations[annotation],
      `${annotation} does not apply to a ${entity.kind}`,
    );
    return false;
  };

  for (const [key, rawValue] of Object.entries(annotations)) {
    if (!key.startsWith(SRE_ANNOTATION_PREFIX)) continue;
    const value = String(rawValue).trim();

    if (key === ANNOTATION_ENGAGEMENT) {
      if (!appliesTo(key, SERVICE_KINDS)) continue;
      result.engagement = choice(
        key,
        value,
        ENGAGEMENT_MODELS,
        'engagement model',
      );
    } else if (key === ANNOTATION_INTERACTION_MODE) {
      if (!appliesTo(key, SERVICE_KINDS)) continue;
      result.interactionMode = choice(
        key,
        value,
        INTERACTION_MODES,
        'interaction mode',
      );
    } else if (key === ANNOTATION_TEAM_TYPE) {
      if (!appliesTo(key, ['group'])) continue;
      result.teamType = choice(key, value, TEAM_TYPES, 'team type');
    } else if (key === ANNOTATION_EMBEDDED_SRES) {
      if (!appliesTo(key, SERVICE_KINDS)) continue;
      const refs: string[] = [];
      for (const item of value.split(',').map(s => s.trim())) {
        if (!item) continue;
        const { ref, error } = normaliseRef(item, {
          defaultKind: 'user',
          defaultNamespace: namespace,
          kinds: ['user'],
        });
        if (ref) {
          if (!refs.includes(ref)) refs.push(ref);
        } else {
          problem(key, item, `"${item}" ${error}`);
        }
      }
      result.embeddedSres = refs;
    } else if (key === ANNOTATION_CENTRAL_SRE) {
      if (!appliesTo(key, SERVICE_KINDS)) continue;
      const { ref, error } = normaliseRef(value, {
        defaultKind: 'group',
        defaultNamespace: namespace,
        kinds: ['group'],
      });
      if (ref) result.centralSre = ref;
      else problem(key, value, `"${value}" ${error}`);
    } else if (key.startsWith(ANNOTATION_RESPONSIBILITY_PREFIX)) {
      if (!appliesTo(key, SERVICE_KINDS)) continue;
      const area = key.slice(ANNOTATION_RESPONSIBILITY_PREFIX.length);
      if (!options.areas.includes(area)) {
        problem(
          key,
          value,
          `unknown responsibility area "${area}"; expected one of ${options.areas.join(
            ', ',
          )}`,
        );
        continue;
      }
      const role = oneOf(value, PARTY_ROLES);
      if (role) {
        result.responsibilities[area] = role;
        continue;
      }
      if (!value.includes(':')) {
        problem(
          key,
          value,
          `unknown party "${value}"; expected one of ${PARTY_ROLES.join(
            ', ',
          )} or a user/group entity ref such as group:default/dba-guild`,
        );
        continue;
      }
      const { ref, error } = normaliseRef(value, {
        defaultKind: 'group',
        defaultNamespace: namespace,
        kinds: ['group', 'user'],
      });
      if (ref) result.responsibilities[area] = ref;
      else problem(key, value, `"${value}" ${error}`);
    } else if (!KNOWN_KEYS.includes(key)) {
      problem(key, value, `unknown annotation ${key}`);
    }
  }
  return result;
}
