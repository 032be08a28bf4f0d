import { Entity } from '@backstage/catalog-model';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { DEFAULT_RESPONSIBILITY_BASELINE } from '@sre-catalog/backstage-plugin-sre-common';
import { SreOwnershipProcessor } from './SreOwnershipProcessor';

const location = {
  type: 'url',
  target: 'https://example.com/catalog-info.yaml',
};

async function process(entity: Entity) {
  const processor = SreOwnershipProcessor.fromConfig({
    baseline: DEFAULT_RESPONSIBILITY_BASELINE,
  });
  const emitted: CatalogProcessorResult[] = [];
  const result = await processor.postProcessEntity(entity, location, r =>
    emitted.push(r),
  );
  return { result, emitted };
}

const component = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-api', namespace: 'default', annotations },
  spec: { type: 'service', owner: 'checkout-team', lifecycle: 'production' },
});

describe('SreOwnershipProcessor', () => {
  it('relates a service and its SREs in both directions', async () => {
    const { emitted } = await process(
      component({
        'sre-catalog.io/engagement': 'hybrid',
        'sre-catalog.io/embedded-sres': 'priya.nair',
        'sre-catalog.io/central-sre': 'reliability-engineering',
        'sre-catalog.io/responsibility.network': 'group:default/netops',
      }),
    );
    const relations = emitted.map(r =>
      r.type === 'relation'
        ? `${r.relation.source.name} ${r.relation.type} ${r.relation.target.kind}:${r.relation.target.name}`
        : r.type,
    );
    expect(relations).toEqual([
      'checkout-api sreSupportedBy user:priya.nair',
      'priya.nair sreSupports Component:checkout-api',
      'checkout-api sreSupportedBy group:reliability-engineering',
      'reliability-engineering sreSupports Component:checkout-api',
      'checkout-api sreSupportedBy group:netops',
      'netops sreSupports Component:checkout-api',
    ]);
  });

  it('keeps an entity with bad annotations, emitting no error and only the valid relations', async () => {
    const entity = component({
      'sre-catalog.io/engagement': 'sometimes',
      'sre-catalog.io/embedded-sres': 'group:default/not-a-user, tom.keller',
      'sre-catalog.io/responsibility.karaoke': 'team',
    });
    const { result, emitted } = await process(entity);
    expect(result).toBe(entity);
    expect(emitted.filter(r => r.type === 'error')).toEqual([]);
    expect(emitted).toHaveLength(2);
    expect(emitted[0]).toMatchObject({
      type: 'relation',
      relation: { target: { kind: 'user', name: 'tom.keller' } },
    });
  });

  it('leaves other kinds alone', async () => {
    const { emitted } = await process({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: {
        name: 'u',
        annotations: { 'sre-catalog.io/embedded-sres': 'x' },
      },
      spec: {},
    });
    expect(emitted).toEqual([]);
  });
});
