import { Response } from 'express';
import { SliQueueFullError } from '../slos/store/SliStore';

/**
 * Sets `Retry-After` (seconds) on the response to a push that the full queue of
 * accepted pushes refused: Backstage's error handler writes the 503 body, but no
 * header of its own. Any other error is left alone.
 */
export function setRetryAfter(res: Response, error: unknown): void {
  if (error instanceof SliQueueFullError && !res.headersSent) {
    res.setHeader('Retry-After', String(error.retryAfterSeconds));
  }
}
