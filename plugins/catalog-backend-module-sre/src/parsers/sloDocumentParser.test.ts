import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { createSloDocumentParser } from './sloDocumentParser';

const location = { type: 'file', target: '/repo/slos.yaml' };

async function parse(yaml: string) {
  const results: CatalogProcessorResult[] = [];
  for await (const r of createSloDocumentParser()({
    data: Buffer.from(yaml),
    location,
  })) {
    results.push(r);
  }
  return results;
}

describe('createSloDocumentParser', () => {
  it('passes ordinary entities through untouched', async () => {
    const results = await parse(
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: a\n',
    );
    expect(results).toEqual([
      expect.objectContaining({
        type: 'entity',
        entity: expect.objectContaining({ kind: 'Component' }),
      }),
    ]);
  });

  it('turns a Sloth document into OpenSLO SLO entities', async () => {
    const results = await parse(`
version: prometheus/v1
service: checkout-api
slos:
  - name: requests-availability
    objective: 99.9
    sli:
      events:
        error_query: sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))
        total_query: sum(rate(http_requests_total[{{.window}}]))
`);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      type: 'entity',
      entity: {
        apiVersion: 'openslo/v1',
        kind: 'SLO',
        metadata: {
          name: 'checkout-api-requests-availability',
          annotations: { 'sre-catalog.io/slo-format': 'sloth' },
        },
        spec: { service: 'checkout-api' },
      },
    });
  });

  it('reports what is wrong in a Pyrra document as a processing error', async () => {
    const results = await parse(`
apiVersion: pyrra.dev/v1alpha1
kind: ServiceLevelObjective
metadata:
  name: search-errors
  labels:
    service: product-catalog-api
spec:
  target: "120"
  window: 4w
  indicator:
    ratio:
      errors:
        metric: http_requests_total{job="search",code=~"5.."}
      total:
        metric: http_requests_total{job="search"}
`);
    const errors = results.filter(r => r.type === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      error: {
        name: 'InputError',
        message: expect.stringContaining(
          'Invalid Pyrra SLO document: spec.target',
        ),
      },
    });
    expect(results.filter(r => r.type === 'entity')).toEqual([]);
  });
});
