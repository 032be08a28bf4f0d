import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { Request } from 'express';

/** How many buckets a push body holds, without trusting its shape. */
function bucketsIn(entry: unknown): number {
  const buckets = (entry as { buckets?: unknown } | undefined)?.buckets;
  return Array.isArray(buckets) ? buckets.length : 0;
}

/**
 * Runs an SLI push with credentials of a user or service and records it as a
 * `slo-events-push` auditor event (the actor comes from the request), failures
 * included: the SLO refs of a single push, the count of SLOs of a batch, and the
 * buckets sent.
 */
export async function auditSloPush<T extends JsonObject>(
  options: {
    httpAuth: HttpAuthService;
    auditor: AuditorService;
    request: Request;
    sloRef?: string;
  },
  push: (credentials: BackstageCredentials) => Promise<T>,
): Promise<T> {
  const { httpAuth, auditor, request, sloRef } = options;
  // Before the event: the auditor names the actor from these credentials.
  const credentials = await httpAuth.credentials(request, {
    allow: ['user', 'service'],
  });
  const body = request.body as { slos?: unknown } | undefined;
  const meta: JsonObject = sloRef
    ? { sloRefs: [sloRef], buckets: bucketsIn(body) }
    : {
        count: Array.isArray(body?.slos) ? body!.slos.length : 0,
        buckets: Array.isArray(body?.slos)
          ? (body!.slos as unknown[]).reduce<number>(
              (sum, e) => sum + bucketsIn(e),
              0,
            )
          : 0,
      };
  const event = await auditor.createEvent({
    eventId: 'slo-events-push',
    severityLevel: 'medium',
    request,
    meta,
  });
  try {
    const result = await push(credentials);
    await event.success({ meta: { accepted: result } });
    return result;
  } catch (error) {
    await event.fail({ error: error as Error });
    throw error;
  }
}
