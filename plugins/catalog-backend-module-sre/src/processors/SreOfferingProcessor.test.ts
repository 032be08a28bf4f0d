import { Entity } from '@backstage/catalog-model';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { SreOfferingProcessor } from './SreOfferingProcessor';

const location = { type: 'url', target: 'https://example.com/offerings.yaml' };

const offering = (spec: Record<string, unknown> = {}): Entity => ({
  apiVersion: 'sre-catalog.io/v1alpha1',
  kind: 'SreOffering',
  metadata: { name: 'managed-postgres', namespace: 'platform' },
  spec: {
    provider: 'platform-data',
    category: 'database-operations',
    interaction: { mode: 'x-as-a-service' },
    request: { url: 'https://forms.example.com/pg' },
    implementedBy: ['postgres-operator'],
    slos: ['managed-postgres-availability'],
    ...spec,
  },
});

async function relationsOf(entity: Entity) {
  const results: CatalogProcessorResult[] = [];
  await new SreOfferingProcessor().postProcessEntity(entity, location, r =>
    results.push(r),
  );
  return results.map(r => {
    if (r.type !== 'relation') throw new Error(`unexpected ${r.type}`);
    const ref = (e: { kind: string; namespace: string; name: string }) =>
      `${e.kind}:${e.namespace}/${e.name}`.toLocaleLowerCase('en-US');
    return [ref(r.relation.source), r.relation.type, ref(r.relation.target)];
  });
}

describe('SreOfferingProcessor', () => {
  const processor = new SreOfferingProcessor();

  it('accepts a valid offering and leaves other kinds to other processors', async () => {
    await expect(processor.validateEntityKind(offering())).resolves.toBe(true);
    await expect(
      processor.validateEntityKind({
        ...offering(),
        apiVersion: 'backstage.io/v1alpha1',
      }),
    ).resolves.toBe(false);
  });

  it('fails an invalid offering with every field that is wrong', async () => {
    const error = await processor
      .validateEntityKind(
        offering({ category: 'databases', interaction: { mode: 'pairing' } }),
      )
      .catch(e => e);
    expect(error.name).toBe('InputError');
    expect(error.message).toBe(
      'Invalid offering sreoffering:platform/managed-postgres: spec.category: category "databases" is not one of ci-cd, observability, database-operations, incident-response, security, infrastructure, coaching, other; spec.interaction.mode: mode "pairing" is not one of collaboration, x-as-a-service, facilitating',
    );
  });

  it('relates an offering to its provider, what runs it and its SLOs, both ways', async () => {
    expect(await relationsOf(offering())).toEqual([
      [
        'sreoffering:platform/managed-postgres',
        'offeringProvidedBy',
        'group:platform/platform-data',
      ],
      [
        'group:platform/platform-data',
        'providesOffering',
        'sreoffering:platform/managed-postgres',
      ],
      [
        'sreoffering:platform/managed-postgres',
        'offeringImplementedBy',
        'component:platform/postgres-operator',
      ],
      [
        'component:platform/postgres-operator',
        'implementsOffering',
        'sreoffering:platform/managed-postgres',
      ],
      [
        'sreoffering:platform/managed-postgres',
        'offeringMeasuredBy',
        'slo:platform/managed-postgres-availability',
      ],
      [
        'slo:platform/managed-postgres-availability',
        'measuresOffering',
        'sreoffering:platform/managed-postgres',
      ],
    ]);
  });

  it('relates a service to the offerings it uses, both ways, skipping bad items', async () => {
    const service: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'checkout',
        annotations: {
          'sre-catalog.io/offerings':
            'sreoffering:platform/managed-postgres=onboarding, ci=paused',
        },
      },
      spec: { type: 'service', owner: 'checkout-team' },
    };
    expect(await relationsOf(service)).toEqual([
      [
        'component:default/checkout',
        'consumesOffering',
        'sreoffering:platform/managed-postgres',
      ],
      [
        'sreoffering:platform/managed-postgres',
        'offeringConsumedBy',
        'component:default/checkout',
      ],
    ]);
  });

  it('emits nothing for an offering the catalog refuses, or for a Group', async () => {
    expect(await relationsOf(offering({ provider: 'user:alice' }))).toEqual([]);
    expect(
      await relationsOf({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: {
          name: 'platform-data',
          annotations: { 'sre-catalog.io/offerings': 'x' },
        },
        spec: { type: 'team', children: [] },
      }),
    ).toEqual([]);
  });
});
