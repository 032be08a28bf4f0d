import { InputError, ServiceUnavailableError } from '@backstage/errors';
import { ImpactedSlo } from '@sre-catalog/backstage-plugin-sre-common';
import {
  BudgetUnavailable,
  SloIncidentsService,
} from '../slos/SloIncidentsService';
import { ParsedPostmortemRequest } from './parsePostmortemRequest';
import { PostmortemResource } from './PostmortemResource';

/**
 * The impacted SLOs with the budget each lost: computed from the SLO's data for the
 * incident window where the request leaves it out (or sends a computed one) and the
 * built-in store has data; otherwise as entered. An edit keeps a stored computed
 * budget while its SLO and the ended incident's window stay the same, so that
 * recorded numbers do not drift as data ages out, and an edit of another field
 * does not fail on an SLO that can no longer be computed.
 */
export async function impactedSlosOf(
  sloIncidents: SloIncidentsService | undefined,
  request: ParsedPostmortemRequest,
  now: Date,
  stored?: PostmortemResource,
): Promise<ImpactedSlo[]> {
  const end = request.resolvedAt ?? request.mitigatedAt;
  const storedEnd = stored && (stored.resolvedAt ?? stored.mitigatedAt);
  const sameWindow =
    !!stored &&
    !!end &&
    stored.startedAt === request.startedAt &&
    storedEnd === end;
  const kept = new Map(
    (stored?.impactedSlos ?? [])
      .filter(slo => slo.computed)
      .map(slo => [slo.sloRef, slo.budgetConsumed]),
  );
  const wanted = request.impactedSlos.filter(
    slo =>
      (slo.budgetConsumed === undefined || slo.computed) &&
      !(sameWindow && kept.has(slo.sloRef)),
  );
  const computed =
    wanted.length && sloIncidents
      ? await sloIncidents.budgetConsumed(
          wanted.map(slo => slo.sloRef),
          {
            fromMs: Date.parse(request.startedAt),
            toMs: end ? Date.parse(end) : now.getTime(),
          },
        )
      : new Map<string, number | BudgetUnavailable>();
  return request.impactedSlos.map((slo, i) => {
    const fromData = computed.get(slo.sloRef);
    const value =
      (typeof fromData === 'number' ? fromData : undefined) ??
      (slo.budgetConsumed === undefined || slo.computed
        ? kept.get(slo.sloRef)
        : undefined);
    if (value !== undefined) {
      return { sloRef: slo.sloRef, budgetConsumed: value, computed: true };
    }
    if (slo.budgetConsumed === undefined && typeof fromData === 'object') {
      // Not the request's fault: the data exists but cannot be read now.
      throw new ServiceUnavailableError(
        `Cannot compute impactedSlos[${i}].budgetConsumed of ${slo.sloRef} now: ${fromData.unavailable}; try again later, or give budgetConsumed`,
      );
    }
    if (slo.budgetConsumed === undefined) {
      throw new InputError(
        `Invalid impactedSlos[${i}].budgetConsumed: is required, since ${slo.sloRef} has no data in the built-in SLI store for the incident window to compute it from`,
      );
    }
    return {
      sloRef: slo.sloRef,
      budgetConsumed: slo.budgetConsumed,
      computed: slo.computed,
    };
  });
}
