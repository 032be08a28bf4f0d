import { HttpAuthService } from '@backstage/backend-plugin-api';
import { Request } from 'express';
import { setRetryAfter } from '../../http/retryAfter';
import { SreApiRouter } from '../../schema/openapi';
import { AuditedRouteServices } from '../auditedRouteServices';
import { SliDeadLetterService } from './SliDeadLetterService';

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
 */
export function addDeadLetterRoutes(
  router: SreApiRouter,
  options: AuditedRouteServices & { deadLetters: SliDeadLetterService },
) {
  const { httpAuth, auditor, deadLetters } = options;

  router.get('/slos/dead-letters', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await deadLetters.list(
        { limit: req.query.limit ?? 20, offset: req.query.offset ?? 0 },
        { credentials },
      ),
    );
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
    const id = req.params.id;
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
        deadLetters.retry(letter, { credentials: c }),
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
      deadLetters.discard(letter, { credentials: c }),
    );
    res.status(204).end();
  });
}
