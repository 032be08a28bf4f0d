import {
  CreatePostmortemRequest,
  isHttpUrl,
  isIsoDateTime,
  validatePostmortemRules,
} from '@sre-catalog/backstage-plugin-sre-common';
import { FieldError } from '../postmortemLabels';

/**
 * What the form can tell before sending: the shared cross-field rules of the
 * template (required fields, the order of the times) and rows left half-filled. The
 * backend checks everything again and names the field of anything else.
 */
export function validatePostmortemForm(
  request: CreatePostmortemRequest,
): FieldError[] {
  const errors: FieldError[] = validatePostmortemRules(request).map(p => ({
    field: p.field,
    message: p.message,
  }));
  const need = (field: string, missing: boolean, message = 'is required') => {
    if (missing) errors.push({ field, message });
  };
  for (const field of [
    'startedAt',
    'detectedAt',
    'mitigatedAt',
    'resolvedAt',
  ] as const) {
    const value = request[field];
    need(field, !!value && !isIsoDateTime(value), 'is not a valid time');
  }
  request.timeline?.forEach((entry, i) => {
    need(`timeline[${i}].at`, !entry.at);
    need(`timeline[${i}].description`, !entry.description.trim());
  });
  request.impactedSlos?.forEach((slo, i) => {
    need(`impactedSlos[${i}].sloRef`, !slo.sloRef);
    need(
      `impactedSlos[${i}].budgetConsumed`,
      slo.budgetConsumed !== undefined &&
        (!Number.isFinite(slo.budgetConsumed) || slo.budgetConsumed < 0),
      'must be a percentage of the error budget, 0 or more',
    );
  });
  request.links?.forEach((link, i) => {
    need(`links[${i}].title`, !link.title);
    need(
      `links[${i}].url`,
      !isHttpUrl(link.url),
      'must be an http or https URL',
    );
  });
  request.actionItems?.forEach((item, i) => {
    need(`actionItems[${i}].title`, !item.title);
    need(`actionItems[${i}].owner`, !item.owner);
    need(
      `actionItems[${i}].trackingUrl`,
      !!item.trackingUrl && !isHttpUrl(item.trackingUrl),
      'must be an http or https URL',
    );
  });
  return errors;
}
