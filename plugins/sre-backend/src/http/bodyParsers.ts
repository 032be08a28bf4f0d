import { CustomErrorBase } from '@backstage/errors';
import { POSTMORTEM_LIMITS } from '@sre-catalog/backstage-plugin-sre-common';
import express from 'express';
import { jsonBody } from './jsonBody';

/** A request body over the documented limit (413). */
class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  readonly statusCode = 413;
}

const isPostmortemPath = (path: string) =>
  path.startsWith('/postmortems') || path.startsWith('/action-items');

/**
 * The JSON parsers of the plugin, by path, ahead of the OpenAPI validation (which
 * needs the parsed body): postmortems take at most POSTMORTEM_LIMITS.bodyBytes,
 * refused by their declared length before reading; the batch push a few minutes
 * of 10,000 SLOs (a minute is about 1 MB); everything else the documented maximum
 * of buckets of one push.
 */
export function bodyParsers(): express.RequestHandler[] {
  const postmortem = jsonBody({ limit: POSTMORTEM_LIMITS.bodyBytes });
  const batchPush = jsonBody({ limit: '16mb' });
  const other = jsonBody({ limit: '2mb' });
  return [
    (req, res, next) => {
      if (!isPostmortemPath(req.path)) {
        (req.path === '/slos/events' ? batchPush : other)(req, res, next);
        return;
      }
      if (Number(req.headers['content-length']) > POSTMORTEM_LIMITS.bodyBytes) {
        next(
          new PayloadTooLargeError(
            `Invalid body: larger than the ${POSTMORTEM_LIMITS.bodyBytes} bytes a postmortem may take`,
          ),
        );
        return;
      }
      postmortem(req, res, next);
    },
  ];
}
