import { Entity } from '@backstage/catalog-model';

/** A bare Component of the default namespace whose uid is its name. */
export const componentEntity = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', uid: name },
  spec: {},
});
