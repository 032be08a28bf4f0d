import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod/v4';
import { parseQuery } from '../../http/requestValidation';
import { setRetryAfter } from '../../http/retryAfter';
import { SliDeadLetterService } from './SliDeadLetterService';

const listQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

/** Dead letter ids are the store's positive whole numbers. */
const ID = /^[1-9][0-9]{0,14}$/;

function deadLetterIdFromPath(id: string): string {
  if (!ID.test(id)) {
    throw new InputError(
      `Invalid dead letter id "${id.slice(
        0,
        40,
      )}"; expected a positive whole number`,
    );
  }
  return id;
}

/**
 * The dead letters of the SLI push queue:
 *
 * - `GET /slos/dead-letters?limit&offset`: those the caller can see (catalog
 *   visibility of their SLOs), newest failure first;
 * - `POST /slos/dead-letters/{id}/retry` (202): back to the end of the queue;
 * - `DELETE /slos/dead-letters/{id}` (204): gone for good.
 *
 * Retry and discard need `sre.slo.deadletter.manage` and are audited
 * (`slo-dead-letter-retry`, `slo-dead-letter-discard`), refusals included.
 *
 * @internal
 */
export function createDeadLettersRouter(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  deadLetters: SliDeadLetterService;
}): express.Router {
  const { httpAuth, auditor, deadLetters } = options;
  const router = Router();

  router.get('/slos/dead-letters', async (req, res) => {
    const query = parseQuery(listQuery, req.query);
    const credentials = await httpAuth.credentials(req);
    res.json(await deadLetters.list(query, credentials));
  });

  /** Runs an operator's action on one letter as an auditor event. */
  const audited = async (
    eventId: 'slo-dead-letter-retry' | 'slo-dead-letter-discard',
    req: Request,
    action: (
      id: string,
      credentials: Awaited<ReturnType<HttpAuthService['credentials']>>,
    ) => Promise<void>,
  ): Promise<string> => {
    // Before the event: the auditor names the actor from these credentials.
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const id = deadLetterIdFromPath(req.params.id);
    const event = await auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: req,
      meta: { deadLetterId: id },
    });
    try {
      await action(id, credentials);
      await event.success();
      return id;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  };

  router.post('/slos/dead-letters/:id/retry', async (req, res) => {
    try {
      const id = await audited('slo-dead-letter-retry', req, (letter, c) =>
        deadLetters.retry(letter, c),
      );
      // Applied with the next evaluation, behind what waits already.
      res.status(202).json({ id });
    } catch (error) {
      setRetryAfter(res, error);
      throw error;
    }
  });

  router.delete('/slos/dead-letters/:id', async (req, res) => {
    await audited('slo-dead-letter-discard', req, (letter, c) =>
      deadLetters.discard(letter, c),
    );
    res.status(204).end();
  });

  return router;
}
