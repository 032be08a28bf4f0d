import { InputError } from '@backstage/errors';
import express from 'express';

/**
 * `express.json` whose refusals name the body: a body that is not a JSON object or
 * array (`0`, `null`, `"x"`) or not JSON at all is a 400 "Invalid body: …" like every
 * other validation error, instead of the parser's own message (which calls `0`
 * invalid JSON). Too large bodies keep the parser's 413.
 */
export function jsonBody(options: { limit: string | number }) {
  const parse = express.json({ limit: options.limit });
  return (
    req: express.Request,
    res: express.Response,
    next: express.NextFunction,
  ) => {
    parse(req, res, error => {
      if (
        error &&
        (error as { type?: string }).type === 'entity.parse.failed'
      ) {
        next(
          new InputError(
            'Invalid body: must be a JSON object (the body is not JSON, or JSON that is not an object)',
          ),
        );
        return;
      }
      next(error);
    });
  };
}
