import { ResponseError } from '@backstage/errors';

/** A field the backend named in a 400 answer, and what is wrong with it. */
export type FieldError = {
  /** The wire name, e.g. `title` or `actionItems[0].owner`. */
  field: string;
  message: string;
};

/** The message of a backend error, from its JSON body when there is one. */
export function errorMessage(error: Error): string {
  if (error instanceof ResponseError || error.name === 'ResponseError') {
    const body = (error as ResponseError).body;
    return body?.error?.message ?? error.message;
  }
  return error.message;
}

/**
 * The field a 400 from the postmortem API names (`Invalid <field>: <message>`), or
 * undefined for other errors.
 */
export function fieldErrorOf(error: Error): FieldError | undefined {
  const status = (error as Partial<ResponseError>).statusCode;
  if (status !== 400) return undefined;
  const match = /^Invalid ([A-Za-z0-9_.[\]]+): ([\s\S]*)$/.exec(
    errorMessage(error),
  );
  return match ? { field: match[1], message: match[2] } : undefined;
}

/** Whether the error is the 409 of an edit based on a stale version. */
export function isStaleVersionError(error: Error): boolean {
  return (error as Partial<ResponseError>).statusCode === 409;
}

/** Whether the backend refused a write because the permission policy denied it (403). */
export function isNotAllowedError(error: Error): boolean {
  return (
    (error as Partial<ResponseError>).statusCode === 403 ||
    error.name === 'NotAllowedError'
  );
}
