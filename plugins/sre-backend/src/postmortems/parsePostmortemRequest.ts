import { InputError } from '@backstage/errors';
import {
  CheckPostmortemRequestOptions,
  ParsedPostmortemRequest,
  checkPostmortemRequest,
} from '@sre-catalog/backstage-plugin-sre-common';

export type { ParsedPostmortemRequest };

/**
 * Validates a create (`mode: 'create'`) or update body with the shared postmortem
 * schema and rules of `sre-common`: shapes, formats, the documented limits and the
 * cross-field rules of the template. Throws an InputError that names the first bad
 * field.
 */
export function parsePostmortemRequest(
  body: unknown,
  options: CheckPostmortemRequestOptions,
): ParsedPostmortemRequest {
  const checked = checkPostmortemRequest(body, options);
  if (!checked.success) {
    const [problem] = checked.problems;
    throw new InputError(`Invalid ${problem.field}: ${problem.message}`);
  }
  return checked.data;
}
