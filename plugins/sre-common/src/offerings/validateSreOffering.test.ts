import { Entity } from '@backstage/catalog-model';
import { validateSreOffering } from './validateSreOffering';

function offering(spec: unknown, namespace?: string): Entity {
  return {
    apiVersion: 'sre-catalog.io/v1alpha1',
    kind: 'SreOffering',
    metadata: { name: 'managed-postgres', ...(namespace ? { namespace } : {}) },
    spec: spec as Entity['spec'],
  };
}

// eslint-disable-next-line no-script-url -- the hostile link under test
const SCRIPT_URL = 'javascript:alert(1)';

const valid = {
  provider: 'platform-data',
  category: 'database-operations',
  interaction: { mode: 'x-as-a-service' },
  request: { template: 'request-managed-postgres', chat: '#platform-data' },
  officeHours: 'Tuesdays 14:00-15:00 CET',
  documentation: [{ title: 'Handbook', url: 'https://docs.example.com/pg' }],
  implementedBy: [
    'postgres-operator',
    'resource:pg-cluster',
    'postgres-operator',
  ],
  slos: ['managed-postgres-availability'],
};

describe('validateSreOffering', () => {
  it('normalises refs against the entity namespace, deduplicated', () => {
    const { spec, problems } = validateSreOffering(offering(valid, 'platform'));
    expect(problems).toEqual([]);
    expect(spec).toEqual({
      provider: 'group:platform/platform-data',
      category: 'database-operations',
      interaction: { mode: 'x-as-a-service' },
      request: {
        template: 'template:default/request-managed-postgres',
        chat: '#platform-data',
      },
      officeHours: 'Tuesdays 14:00-15:00 CET',
      documentation: [
        { title: 'Handbook', url: 'https://docs.example.com/pg' },
      ],
      implementedBy: [
        'component:platform/postgres-operator',
        'resource:platform/pg-cluster',
      ],
      slos: ['slo:platform/managed-postgres-availability'],
    });
  });

  it('keeps a time-boxed collaboration with the mode that follows; a YAML date is a day', () => {
    const { spec, problems } = validateSreOffering(
      offering({
        ...valid,
        interaction: {
          mode: 'collaboration',
          until: new Date('2027-01-31T00:00:00Z'),
          then: 'x-as-a-service',
        },
      }),
    );
    expect(problems).toEqual([]);
    expect(spec?.interaction).toEqual({
      mode: 'collaboration',
      until: '2027-01-31',
      then: 'x-as-a-service',
    });
  });

  it('names every bad field with its path and stores nothing', () => {
    const { spec, problems } = validateSreOffering(
      offering({
        provider: 'user:alice',
        category: 'databases',
        interaction: { mode: 'pairing', until: '2027-02-30' },
        request: { url: SCRIPT_URL },
        documentation: [{ title: 'Docs' }, 'https://x.example.com'],
        implementedBy: ['api:payments'],
        slos: 'checkout-availability',
      }),
    );
    expect(spec).toBeUndefined();
    expect(problems.map(p => p.path)).toEqual([
      'spec.provider',
      'spec.category',
      'spec.interaction.mode',
      'spec.interaction.until',
      'spec.interaction.then',
      'spec.request.url',
      'spec.documentation[0].url',
      'spec.documentation[1]',
      'spec.implementedBy[0]',
      'spec.slos',
    ]);
    expect(problems[0].message).toBe(
      '"user:alice" must refer to a group, not a user',
    );
    expect(problems[1].message).toBe(
      'category "databases" is not one of ci-cd, observability, database-operations, incident-response, security, infrastructure, coaching, other',
    );
    expect(problems[3].message).toContain('"2027-02-30" is not a date');
  });

  it('requires a request channel', () => {
    expect(
      validateSreOffering(offering({ ...valid, request: {} })).problems,
    ).toEqual([
      {
        path: 'spec.request',
        message:
          'request needs at least one of template, url or chat: how a team asks for the offering',
      },
    ]);
  });

  it('requires provider, category, interaction and request', () => {
    const { problems } = validateSreOffering(offering({}));
    expect(problems).toEqual([
      { path: 'spec.provider', message: 'provider is required' },
      { path: 'spec.category', message: 'category is required' },
      { path: 'spec.interaction', message: 'interaction is required' },
      { path: 'spec.request', message: 'request is required' },
    ]);
  });

  it('refuses a follow-up without an end, or the same mode again', () => {
    expect(
      validateSreOffering(
        offering({
          ...valid,
          interaction: { mode: 'facilitating', then: 'facilitating' },
        }),
      ).problems,
    ).toEqual([
      {
        path: 'spec.interaction.until',
        message: 'until is required with then: the last day',
      },
      {
        path: 'spec.interaction.then',
        message: 'then must differ from mode (facilitating)',
      },
    ]);
  });

  it('refuses a spec that is not a mapping', () => {
    expect(validateSreOffering(offering(['x'])).problems).toEqual([
      { path: 'spec', message: 'spec must be a mapping, not ["x"]' },
    ]);
  });
});
