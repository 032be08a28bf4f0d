import { Entity } from '@backstage/catalog-model';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { SloEntityProcessor, SloSpecError } from './SloEntityProcessor';

const location = { type: 'url', target: 'https://example.com/slo.yaml' };

const slo = (spec: Record<string, unknown> = {}): Entity => ({
  apiVersion: 'openslo/v1',
  kind: 'SLO',
  metadata: { name: 'checkout-availability', namespace: 'default' },
  spec: {
    service: 'checkout-api',
    indicatorRef: 'checkout-requests',
    budgetingMethod: 'Occurrences',
    timeWindow: [{ duration: '28d', isRolling: true }],
    objectives: [{ target: 0.999 }],
    ...spec,
  },
});

describe('SloEntityProcessor', () => {
  const processor = new SloEntityProcessor();

  it('accepts valid OpenSLO kinds and leaves other kinds to others', async () => {
    await expect(processor.validateEntityKind(slo())).resolves.toBe(true);
    await expect(
      processor.validateEntityKind({ ...slo(), kind: 'SLI' }),
    ).resolves.toBe(true);
    await expect(
      processor.validateEntityKind({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'x' },
      }),
    ).resolves.toBe(false);
    await expect(
      processor.validateEntityKind({ ...slo(), kind: 'Dashboard' }),
    ).resolves.toBe(false);
  });

  it('fails an invalid SLO with every field and reason, and its service', async () => {
    const bad = slo({
      objectives: [{ target: 1.2 }],
      timeWindow: [{ duration: '1M', isRolling: true }],
    });
    const error: SloSpecError = await processor
      .validateEntityKind(bad)
      .then(() => {
        throw new Error('expected a failure');
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(SloSpecError);
    expect(error.name).toBe('InputError');
    expect(error.service).toBe('component:default/checkout-api');
    expect(error.message).toContain('spec.objectives[0].target');
    expect(error.message).toContain('1.2');
    expect(error.message).toContain('spec.timeWindow[0].duration');
    expect(error.problems.length).toBeGreaterThanOrEqual(2);
  });

  it('relates the SLO and the service it measures, both ways', async () => {
    const emitted: CatalogProcessorResult[] = [];
    await processor.postProcessEntity(slo(), location, r => emitted.push(r));
    expect(
      emitted.map(r =>
        r.type === 'relation'
          ? `${r.relation.source.kind}:${r.relation.source.name} ${r.relation.type} ${r.relation.target.kind}:${r.relation.target.name}`
          : r.type,
      ),
    ).toEqual([
      'SLO:checkout-availability sloOf component:checkout-api',
      'component:checkout-api hasSlo SLO:checkout-availability',
    ]);
  });
});
