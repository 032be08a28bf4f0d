import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ANNOTATION_OFFERINGS } from '../annotations';
import { normaliseRef } from '../entityRefs';
import { AnnotationProblem } from '../ownership/types';
import { ADOPTION_STATES, AdoptionState, OfferingUse } from './types';

/** @public The offerings an entity declares it uses, and the bad items. */
export type ParsedOfferingAnnotation = {
  uses: OfferingUse[];
  problems: AnnotationProblem[];
};

/**
 * Reads `sre-catalog.io/offerings`: comma-separated offering refs (kind
 * `sreoffering` and the entity's namespace by default), each optionally followed by
 * `=<state>` (`adopted` when left out). A bad item is a problem naming it; the
 * others are kept. An offering listed twice keeps its last state.
 *
 * @public
 */
export function parseOfferingAnnotation(
  entity: Entity,
): ParsedOfferingAnnotation {
  const raw = entity.metadata.annotations?.[ANNOTATION_OFFERINGS];
  if (raw === undefined) return { uses: [], problems: [] };
  const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const namespace = entity.metadata.namespace ?? 'default';
  const problems: AnnotationProblem[] = [];
  const uses = new Map<string, AdoptionState>();
  for (const item of String(raw).split(',')) {
    const text = item.trim();
    if (!text) continue;
    const [refText, stateText, ...rest] = text.split('=').map(s => s.trim());
    const problem = (message: string) =>
      problems.push({
        entityRef,
        annotation: ANNOTATION_OFFERINGS,
        value: text,
        message,
      });
    const state = stateText === undefined ? 'adopted' : stateText;
    if (rest.length || !ADOPTION_STATES.includes(state as AdoptionState)) {
      problem(
        `"${text}" has an unknown adoption state "${state}"; expected one of ${ADOPTION_STATES.join(
          ', ',
        )}`,
      );
      continue;
    }
    const { ref, error } = normaliseRef(refText, {
      defaultKind: 'sreoffering',
      defaultNamespace: namespace,
      kinds: ['sreoffering'],
    });
    if (!ref) {
      problem(`"${refText}" ${error}`);
      continue;
    }
    uses.set(ref, state as AdoptionState);
  }
  return {
    uses: [...uses].map(([offeringRef, state]) => ({ offeringRef, state })),
    problems,
  };
}
