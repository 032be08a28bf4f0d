import { InputError } from '@backstage/errors';

/**
 * What a parse did, as text one `toMatch` can check: `accepted`, the message of an
 * InputError, or `unexpected <name>: <message>` for anything else it threw.
 */
export function verdict(run: () => unknown): string {
  try {
    run();
    return 'accepted';
  } catch (error) {
    if (error instanceof InputError) return error.message;
    return `unexpected ${(error as Error)?.name}: ${(error as Error)?.message}`;
  }
}

/** `accepted`, or a message naming a field as `field` matches it. */
export function acceptedOrField(field: RegExp): RegExp {
  return new RegExp(`^accepted$|${field.source}`);
}
