import { mockCredentials } from '@backstage/backend-test-utils';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { POSTMORTEM_RESOURCE_TYPE } from '@sre-catalog/backstage-plugin-sre-common';
import request from 'supertest';

/**
 * What the permission backend sends the plugin to apply a conditional decision to
 * one `sre-postmortem` resource (a postmortem id, or an entity ref to write
 * about), as a service; the answer's items are `[{ id: '1', result }]`.
 */
export const applyPostmortemConditions = (
  server: Parameters<typeof request>[0],
  resourceRef: string,
  conditions: PermissionCriteria<unknown>,
) =>
  request(server)
    .post('/api/sre/.well-known/backstage/permissions/apply-conditions')
    .set('Authorization', mockCredentials.service.header())
    .send({
      items: [
        {
          id: '1',
          resourceRef,
          resourceType: POSTMORTEM_RESOURCE_TYPE,
          conditions,
        },
      ],
    });
