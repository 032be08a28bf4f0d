import {
  Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { entityRefIn } from '../entityRefs';
import { ResponsibilityBaseline, baselinePartyFor } from './baseline';
import { engagementExpiry } from './engagementExpiry';
import { SreAnnotations, parseSreAnnotations } from './parseSreAnnotations';
import {
  AnnotationProblem,
  EngagementModel,
  Ownership,
  ResolvedResponsibility,
  SreSupport,
  ValueSource,
} from './types';

/** @public Everything {@link resolveOwnership} needs besides the entity. */
export type ResolveOwnershipOptions = {
  /** The entity's System (from `spec.system`), when it has one. */
  system?: Entity;
  baseline: ResponsibilityBaseline;
  /** The organisation-wide central SRE Group, used when no entity names one. */
  centralSreTeam?: string;
  /** The Group that offers the platform, holder of the `platform` party. */
  platformTeam?: string;
  /**
   * Tells whether a User/Group ref exists in the catalog. When given, unknown refs
   * are reported as problems and hold nothing (which can open a gap).
   */
  refExists?: (ref: string) => boolean;
  /** The day a time-boxed engagement's expiry is computed for; now by default. */
  now?: Date;
};

function lower(ref: string): string {
  return ref.toLocaleLowerCase('en-US');
}

/**
 * The refs a resolved ownership points at, for one batch existence check.
 *
 * @public
 */
export function referencedRefs(
  entity: Entity,
  annotations: SreAnnotations[],
  extra: (string | undefined)[],
): string[] {
  const refs = new Set<string>();
  const owner = entityRefIn(entity, entity.spec?.owner, 'group');
  if (owner) refs.add(owner);
  for (const a of annotations) {
    a.embeddedSres?.forEach(r => refs.add(r));
    if (a.centralSre) refs.add(a.centralSre);
    Object.values(a.responsibilities)
      .filter(p => p.includes(':'))
      .forEach(r => refs.add(r));
  }
  extra.forEach(r => r && refs.add(lower(r)));
  return [...refs];
}

function pick<T>(
  fromEntity: T | undefined,
  fromSystem: T | undefined,
): { value?: T; source: ValueSource } {
  if (fromEntity !== undefined) return { value: fromEntity, source: 'entity' };
  if (fromSystem !== undefined) return { value: fromSystem, source: 'system' };
  return { source: 'none' };
}

function sreSupportOf(
  engagement: EngagementModel | undefined,
  embeddedSres: string[],
  centralSre: string | undefined,
  platformTeam: string | undefined,
): SreSupport {
  switch (engagement) {
    case undefined:
      return 'undeclared';
    case 'none':
      return 'none';
    case 'embedded':
      return embeddedSres.length ? 'supported' : 'unstaffed';
    case 'central':
    case 'enabling':
      return centralSre ? 'supported' : 'unstaffed';
    case 'platform':
      return platformTeam ? 'supported' : 'unstaffed';
    case 'hybrid':
      return embeddedSres.length || centralSre ? 'supported' : 'unstaffed';
    default:
      return 'undeclared';
  }
}

/**
 * Resolves who is responsible for what for one service: engagement and SREs from the
 * entity, else its System; each area from the entity's override, else the System's,
 * else the organisation baseline. An area whose party resolves to nobody is a gap.
 *
 * @public
 */
export function resolveOwnership(
  entity: Entity,
  options: ResolveOwnershipOptions,
): Ownership {
  const areas = Object.keys(options.baseline);
  const own = parseSreAnnotations(entity, { areas });
  const sys = options.system
    ? parseSreAnnotations(options.system, { areas })
    : undefined;
  const problems: AnnotationProblem[] = [...own.problems];
  if (sys) problems.push(...sys.problems);

  const exists = (ref: string, annotationOwner: Entity, annotation: string) => {
    if (!options.refExists || options.refExists(ref)) return true;
    problems.push({
      entityRef: lower(stringifyEntityRef(annotationOwner)),
      annotation,
      value: ref,
      message: `${ref} does not exist in the catalog`,
    });
    return false;
  };

  const engagement = pick(own.engagement, sys?.engagement);
  const embeddedSres = pick(own.embeddedSres, sys?.embeddedSres);
  const centralFromAnnotations = pick(own.centralSre, sys?.centralSre);
  const configCentral = options.centralSreTeam
    ? { value: lower(options.centralSreTeam), source: 'config' as const }
    : centralFromAnnotations;
  const centralSre =
    centralFromAnnotations.value !== undefined
      ? centralFromAnnotations
      : configCentral;
  const interactionMode = pick(own.interactionMode, sys?.interactionMode);
  // A time box belongs to the engagement it ends: taken from the same entity.
  const timeBoxes: Partial<Record<ValueSource, SreAnnotations>> = {
    entity: own,
    system: sys,
  };
  const timeBox = timeBoxes[engagement.source];
  const engagementUntil = timeBox?.engagementUntil;

  const sourceEntity = (source: ValueSource) =>
    source === 'system' && options.system ? options.system : entity;
  const validEmbedded = (embeddedSres.value ?? []).filter(ref =>
    exists(
      ref,
      sourceEntity(embeddedSres.source),
      'sre-catalog.io/embedded-sres',
    ),
  );
  const validCentral =
    centralSre.value &&
    (centralSre.source === 'config' ||
      exists(
        centralSre.value,
        sourceEntity(centralSre.source),
        'sre-catalog.io/central-sre',
      ))
      ? centralSre.value
      : undefined;
  const owner = entityRefIn(entity, entity.spec?.owner, 'group');
  const platformTeam = options.platformTeam
    ? lower(options.platformTeam)
    : undefined;

  const holdersOf = (party: string, from: Entity, area: string): string[] => {
    switch (party) {
      case 'team':
        return owner ? [owner] : [];
      case 'embedded-sre':
        return validEmbedded;
      case 'central-sre':
        return validCentral ? [validCentral] : [];
      case 'platform':
        return platformTeam ? [platformTeam] : [];
      default:
        return exists(party, from, `sre-catalog.io/responsibility.${area}`)
          ? [party]
          : [];
    }
  };

  const responsibilities: ResolvedResponsibility[] = areas.map(area => {
    if (own.responsibilities[area]) {
      const party = own.responsibilities[area];
      return {
        area,
        party,
        holders: holdersOf(party, entity, area),
        source: 'entity',
      };
    }
    if (sys?.responsibilities[area] && options.system) {
      const party = sys.responsibilities[area];
      return {
        area,
        party,
        holders: holdersOf(party, options.system, area),
        source: 'system',
      };
    }
    const party = baselinePartyFor(options.baseline[area], engagement.value);
    return {
      area,
      party,
      holders: holdersOf(party, entity, area),
      source: 'baseline',
    };
  });

  const ref = getCompoundEntityRef(entity);
  return {
    entityRef: lower(stringifyEntityRef(ref)),
    title: entity.metadata.title,
    owner,
    system: entityRefIn(entity, entity.spec?.system, 'system'),
    engagement: engagement.value,
    engagementSource: engagement.source,
    embeddedSres: validEmbedded,
    embeddedSresSource: embeddedSres.source,
    centralSre: validCentral,
    centralSreSource: validCentral ? centralSre.source : 'none',
    interactionMode: interactionMode.value,
    interactionModeSource: interactionMode.source,
    ...(engagementUntil
      ? {
          engagementUntil,
          engagementThen: timeBox?.engagementThen,
          engagementExpiry: engagementExpiry(
            engagementUntil,
            options.now ?? new Date(),
          ),
        }
      : {}),
    teamType: own.teamType,
    sreSupport: sreSupportOf(
      engagement.value,
      validEmbedded,
      validCentral,
      platformTeam,
    ),
    responsibilities,
    gaps: responsibilities.filter(r => r.holders.length === 0).map(r => r.area),
    problems,
  };
}
