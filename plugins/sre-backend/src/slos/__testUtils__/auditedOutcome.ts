import { mockServices } from '@backstage/backend-test-utils';

/**
 * What a mock auditor heard of its nth event: the event's id and meta, how many
 * times it succeeded, and the names of the errors it failed with.
 */
export async function auditedOutcome(
  auditor: ReturnType<typeof mockServices.auditor.mock>,
  n = 0,
) {
  const call = auditor.createEvent.mock.calls[n][0];
  const event = await auditor.createEvent.mock.results[n].value;
  return {
    eventId: call.eventId,
    meta: call.meta,
    succeeded: event.success.mock.calls.length,
    failed: event.fail.mock.calls.map(
      (c: [{ error: Error }]) => c[0].error.name,
    ),
  };
}
