import { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  CreatePostmortemRequest,
  UpdatePostmortemRequest,
} from '@sre-catalog/backstage-plugin-sre-common';
import { entityRefFromQuery } from '../http/entityRefs';
import { SreApiRouter } from '../schema/openapi';
import { PostmortemService } from './PostmortemService';

/** @internal */
export type PostmortemsRouterOptions = {
  httpAuth: HttpAuthService;
  postmortems: PostmortemService;
};

/**
 * A body as the service takes it: the service validates it again after the
 * permission check, so its type is the domain's, not the spec's shape.
 */
const untrusted = <T>(body: unknown) => body as T;

/**
 * HTTP layer of the postmortem registry, under `/postmortems` and `/action-items`:
 * identity from credentials and status codes; paths and queries are checked
 * against openapi.yaml before. Bodies are validated by the service so that a
 * caller without permission learns nothing from them; the service also audits
 * each write, attributed to the request's caller.
 */
export function addPostmortemRoutes(
  router: SreApiRouter,
  options: PostmortemsRouterOptions,
) {
  const { httpAuth, postmortems } = options;

  router.post('/postmortems', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.status(201).json(
      await postmortems.create(untrusted<CreatePostmortemRequest>(req.body), {
        credentials,
        request: req,
      }),
    );
  });

  router.get('/postmortems', async (req, res) => {
    const { entityRef, owner, limit, offset, ...filters } = req.query;
    const credentials = await httpAuth.credentials(req);
    res.json(
      await postmortems.list(
        {
          ...filters,
          entityRef: entityRefFromQuery(entityRef, 'component'),
          owner: entityRefFromQuery(owner, 'group'),
          limit: limit ?? 20,
          offset: offset ?? 0,
        },
        { credentials },
      ),
    );
  });

  router.get('/postmortems/required', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await postmortems.listRequired(
        { limit: req.query.limit ?? 100, offset: req.query.offset ?? 0 },
        { credentials },
      ),
    );
  });

  router.get('/postmortems/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(await postmortems.get(req.params.id, { credentials }));
  });

  router.put('/postmortems/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(
      await postmortems.update(
        req.params.id,
        untrusted<UpdatePostmortemRequest>(req.body),
        {
          credentials,
          request: req,
        },
      ),
    );
  });

  router.get('/postmortems/:id/history', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(await postmortems.getHistory(req.params.id, { credentials }));
  });

  router.get('/action-items', async (req, res) => {
    const { overdue, owner, team, entityRef, limit, offset, ...filters } =
      req.query;
    const credentials = await httpAuth.credentials(req);
    res.json(
      await postmortems.listActionItems(
        {
          ...filters,
          overdue: overdue === undefined ? undefined : overdue === 'true',
          owner: entityRefFromQuery(owner, 'group'),
          team: entityRefFromQuery(team, 'group'),
          entityRef: entityRefFromQuery(entityRef, 'component'),
          limit: limit ?? 100,
          offset: offset ?? 0,
        },
        { credentials },
      ),
    );
  });
}
