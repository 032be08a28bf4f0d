import { EventsService } from '@backstage/plugin-events-node';
import { SpecProblem } from '@sre-catalog/backstage-plugin-sre-common';
import { SloStatusStore } from './SloStatusStore';

/** The catalog publishes its processing errors on this (experimental) topic. */
const CATALOG_ERRORS_TOPIC = 'experimental.catalog.errors';

type SloSpecErrorLike = Error & {
  problems?: SpecProblem[];
  service?: string;
  cause?: unknown;
};

type CatalogErrorsPayload = {
  entity: string;
  location?: string;
  errors: SloSpecErrorLike[];
};

/** The catalog wraps a processor's error; the SLO details sit on its cause. */
function sloSpecErrorIn(error: SloSpecErrorLike): SloSpecErrorLike {
  let current: SloSpecErrorLike | undefined = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current.problems) return current;
    current = current.cause as SloSpecErrorLike | undefined;
  }
  return error;
}

/**
 * Records why an SLO document was refused by the catalog, so the SLO tab of its
 * service can say which document is invalid and why (the catalog itself keeps no
 * entity for it). The catalog re-publishes errors on every processing round.
 */
export async function subscribeToCatalogSloErrors(
  events: EventsService,
  statusStore: SloStatusStore,
): Promise<void> {
  await events.subscribe({
    id: 'sre-slo-spec-problems',
    topics: [CATALOG_ERRORS_TOPIC],
    async onEvent({ eventPayload }) {
      const payload = eventPayload as CatalogErrorsPayload;
      if (!payload?.entity?.toLocaleLowerCase('en-US').startsWith('slo:')) {
        return;
      }
      const errors = (payload.errors ?? []).map(sloSpecErrorIn);
      const service = errors.find(e => e.service)?.service;
      const problems: SpecProblem[] = errors.flatMap(
        e => e.problems ?? [{ path: '', message: String(e.message ?? e) }],
      );
      await statusStore.setProblems([
        {
          sloRef: payload.entity.toLocaleLowerCase('en-US'),
          service,
          location: payload.location,
          problems,
          seenAt: new Date().toISOString(),
        },
      ]);
    },
  });
}
