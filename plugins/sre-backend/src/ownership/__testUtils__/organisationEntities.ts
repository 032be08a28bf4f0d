import { Entity } from '@backstage/catalog-model';

/** The Component `service-<i>` of the default namespace: a service in a System. */
export const serviceEntity = (
  i: number,
  spec: { owner: string; system: string },
  metadata: Partial<Entity['metadata']> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: `service-${i}`, namespace: 'default', ...metadata },
  spec: { type: 'service', ...spec },
});

/** The System `system-<s>` of the default namespace with its SRE engagement. */
export const systemEntity = (
  s: number,
  owner: string,
  engagement: string,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: `system-${s}`,
    namespace: 'default',
    annotations: { 'sre-catalog.io/engagement': engagement },
  },
  spec: { owner },
});
