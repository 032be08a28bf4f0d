import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import { entityRefFromPath, entityRefFromQuery } from '../http/entityRefs';
import { SreApiRouter } from '../schema/openapi';
import { OwnershipService } from './OwnershipService';

/**
 * `GET /ownership/{kind}/{namespace}/{name}`, `GET /coverage` and
 * `GET /teams/{namespace}/{name}`: who is responsible for a service's
 * reliability, the organisation's coverage and what a team supports.
 */
export function addOwnershipRoutes(
  router: SreApiRouter,
  options: { httpAuth: HttpAuthService; ownership: OwnershipService },
) {
  const { httpAuth, ownership } = options;

  router.get('/ownership/:kind/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await ownership.getOwnership(entityRefFromPath(req.params), {
        credentials,
      }),
    );
  });

  // A few MB at 10,000 services, and often the very same report (see
  // DefaultOwnershipService): serialized once per report.
  const coverageJson = new WeakMap<object, string>();
  router.get('/coverage', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const coverage = await ownership.getCoverage(
      {
        owner: entityRefFromQuery(req.query.owner, 'group'),
        system: entityRefFromQuery(req.query.system, 'system'),
      },
      { credentials },
    );
    let json = coverageJson.get(coverage);
    if (json === undefined) {
      json = JSON.stringify(coverage);
      coverageJson.set(coverage, json);
    }
    // Sent as is: the typed response only takes the object.
    (res as express.Response).type('application/json').send(json);
  });

  router.get('/teams/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await ownership.getTeamSupport(
        entityRefFromPath({ kind: 'group', ...req.params }),
        { credentials },
      ),
    );
  });
}
