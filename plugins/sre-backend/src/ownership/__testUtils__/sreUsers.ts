import { Entity } from '@backstage/catalog-model';

/** `count` User entities of the default namespace: sre-0, sre-1, ... */
export const sreUsers = (count: number): Entity[] =>
  Array.from({ length: count }, (_, u) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: `sre-${u}`, namespace: 'default' },
    spec: {},
  }));
