import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_CENTRAL_SRE,
  ANNOTATION_EMBEDDED_SRES,
  ANNOTATION_ENGAGEMENT,
  ANNOTATION_ENGAGEMENT_THEN,
  ANNOTATION_ENGAGEMENT_UNTIL,
  ANNOTATION_INTERACTION_MODE,
  ANNOTATION_OFFERINGS,
  ANNOTATION_RESPONSIBILITY_PREFIX,
  ANNOTATION_RUNBOOKS,
  ANNOTATION_TEAM_TYPE,
  ANNOTATION_RESTRICTED_TO,
  ANNOTATION_VISIBILITY,
  SRE_ANNOTATION_PREFIX,
} from '../annotations';
import { normaliseRef } from '../entityRefs';
import { parseOfferingAnnotation } from '../offerings/parseOfferingAnnotation';
import { isIsoDate } from '../postmortems/rules';
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
  /** The last day (`YYYY-MM-DD`) of a time-boxed engagement. */
  engagementUntil?: string;
  /** The engagement model that follows {@link SreAnnotations.engagementUntil}. */
  engagementThen?: EngagementModel;
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
    } else if (key === ANNOTATION_ENGAGEMENT_UNTIL) {
      if (!appliesTo(key, SERVICE_KINDS)) continue;
      if (isIsoDate(value)) result.engagementUntil = value;
      else {
        problem(
          key,
          value,
          `"${value}" is not a date; expected YYYY-MM-DD, the last day of the engagement`,
        );
      }
    } else if (key === ANNOTATION_ENGAGEMENT_THEN) {
      if (!appliesTo(key, SERVICE_KINDS)) continue;
      result.engagementThen = choice(
        key,
        value,
        ENGAGEMENT_MODELS,
        'engagement model',
      );
    } else if (key === ANNOTATION_OFFERINGS) {
      if (!appliesTo(key, SERVICE_KINDS)) continue;
      result.problems.push(...parseOfferingAnnotation(entity).problems);
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
  if (SERVICE_KINDS.includes(kind)) checkTimeBox(annotations, result, problem);
  return result;
}

/**
 * The rules that span the time-box annotations: an end date goes with the model
 * that follows and with the engagement it ends, on the same entity. The date is
 * kept when only the follow-up is missing (the engagement still ends); a
 * follow-up without a date, or without an engagement, is left out.
 */
function checkTimeBox(
  annotations: Record<string, string>,
  result: SreAnnotations,
  problem: (annotation: string, value: string, message: string) => void,
) {
  const until = annotations[ANNOTATION_ENGAGEMENT_UNTIL];
  const then = annotations[ANNOTATION_ENGAGEMENT_THEN];
  const value = (raw: string) => String(raw).trim();
  if (until === undefined && then === undefined) return;
  if (annotations[ANNOTATION_ENGAGEMENT] === undefined) {
    for (const [key, raw] of [
      [ANNOTATION_ENGAGEMENT_UNTIL, until],
      [ANNOTATION_ENGAGEMENT_THEN, then],
    ] as const) {
      if (raw === undefined) continue;
      problem(
        key,
        value(raw),
        `${key} needs ${ANNOTATION_ENGAGEMENT} on the same entity: the engagement it time-boxes`,
      );
    }
    delete result.engagementUntil;
    delete result.engagementThen;
  } else if (then === undefined) {
    problem(
      ANNOTATION_ENGAGEMENT_UNTIL,
      value(until),
      `${ANNOTATION_ENGAGEMENT_UNTIL} needs ${ANNOTATION_ENGAGEMENT_THEN}: the engagement model that follows (none if nothing does)`,
    );
  } else if (until === undefined) {
    problem(
      ANNOTATION_ENGAGEMENT_THEN,
      value(then),
      `${ANNOTATION_ENGAGEMENT_THEN} needs ${ANNOTATION_ENGAGEMENT_UNTIL}: the last day of the engagement`,
    );
    delete result.engagementThen;
  } else if (
    result.engagementThen !== undefined &&
    result.engagementThen === result.engagement
  ) {
    problem(
      ANNOTATION_ENGAGEMENT_THEN,
      value(then),
      `${ANNOTATION_ENGAGEMENT_THEN} must differ from ${ANNOTATION_ENGAGEMENT} (${result.engagement}): it is what follows the engagement`,
    );
    delete result.engagementThen;
  }
}
