import { Entity } from '@backstage/catalog-model';
import { DEFAULT_RESPONSIBILITY_BASELINE } from './baseline';
import { resolveOwnership } from './resolveOwnership';

function component(
  name: string,
  annotations: Record<string, string> = {},
  spec: Record<string, unknown> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, annotations },
    spec: { type: 'service', owner: 'checkout-team', ...spec },
  };
}

const paymentsSystem: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'payments',
    annotations: {
      'sre-catalog.io/engagement': 'central',
      'sre-catalog.io/central-sre': 'group:default/reliability-engineering',
      'sre-catalog.io/responsibility.cost': 'group:default/finops',
    },
  },
  spec: { owner: 'payments-team' },
};

const baseline = DEFAULT_RESPONSIBILITY_BASELINE;
const cell = (o: ReturnType<typeof resolveOwnership>, area: string) =>
  o.responsibilities.find(r => r.area === area)!;

describe('resolveOwnership', () => {
  it('resolves an embedded service from its own annotations and the baseline', () => {
    const o = resolveOwnership(
      component('checkout-api', {
        'sre-catalog.io/engagement': 'embedded',
        'sre-catalog.io/embedded-sres': 'priya.nair, user:default/tom.keller',
        'sre-catalog.io/interaction-mode': 'collaboration',
      }),
      { baseline, platformTeam: 'group:default/platform-engineering' },
    );
    expect(o.entityRef).toBe('component:default/checkout-api');
    expect(o.engagement).toBe('embedded');
    expect(o.engagementSource).toBe('entity');
    expect(o.embeddedSres).toEqual([
      'user:default/priya.nair',
      'user:default/tom.keller',
    ]);
    expect(o.sreSupport).toBe('supported');
    expect(cell(o, 'alerting')).toEqual({
      area: 'alerting',
      party: 'embedded-sre',
      holders: ['user:default/priya.nair', 'user:default/tom.keller'],
      source: 'baseline',
    });
    expect(cell(o, 'release').holders).toEqual(['group:default/checkout-team']);
    expect(cell(o, 'database-operations').holders).toEqual([
      'group:default/platform-engineering',
    ]);
    // network defaults to central-sre and no central team is configured
    expect(o.gaps).toEqual(['network']);
    expect(o.problems).toEqual([]);
  });

  it('inherits engagement, central team and overrides from the System', () => {
    const o = resolveOwnership(
      component('payment-gateway', {}, { system: 'payments' }),
      { baseline, system: paymentsSystem },
    );
    expect(o.engagement).toBe('central');
    expect(o.engagementSource).toBe('system');
    expect(o.centralSre).toBe('group:default/reliability-engineering');
    expect(o.centralSreSource).toBe('system');
    expect(cell(o, 'on-call')).toMatchObject({
      party: 'central-sre',
      holders: ['group:default/reliability-engineering'],
      source: 'baseline',
    });
    expect(cell(o, 'cost')).toMatchObject({
      party: 'group:default/finops',
      source: 'system',
    });
  });

  it('prefers the entity override to the System override and to the baseline', () => {
    const o = resolveOwnership(
      component(
        'ledger',
        {
          'sre-catalog.io/engagement': 'hybrid',
          'sre-catalog.io/responsibility.cost': 'team',
          'sre-catalog.io/responsibility.network': 'group:default/netops',
        },
        { system: 'payments' },
      ),
      { baseline, system: paymentsSystem },
    );
    expect(o.engagementSource).toBe('entity');
    expect(cell(o, 'cost')).toMatchObject({ party: 'team', source: 'entity' });
    expect(cell(o, 'network')).toMatchObject({
      holders: ['group:default/netops'],
      source: 'entity',
    });
  });

  it('reports a gap when an area is held by embedded SREs the service does not have', () => {
    const o = resolveOwnership(
      component('search-indexer', {
        'sre-catalog.io/engagement': 'embedded',
        'sre-catalog.io/responsibility.on-call': 'embedded-sre',
      }),
      { baseline, centralSreTeam: 'group:default/reliability-engineering' },
    );
    expect(o.sreSupport).toBe('unstaffed');
    expect(o.gaps).toEqual(
      expect.arrayContaining(['alerting', 'on-call', 'incident-response']),
    );
    expect(o.gaps).not.toContain('network');
    expect(cell(o, 'network').source).toBe('baseline');
    expect(o.centralSreSource).toBe('config');
  });

  it('reports bad annotations by name and value and still resolves the rest', () => {
    const o = resolveOwnership(
      component('broken', {
        'sre-catalog.io/engagement': 'embeded',
        'sre-catalog.io/embedded-sres': 'alice, group:default/oops, ::bad',
        'sre-catalog.io/responsibility.karaoke': 'team',
        'sre-catalog.io/responsibility.alerting': 'the-dba-folks',
        'sre-catalog.io/interaction-mode': 'pairing',
      }),
      { baseline },
    );
    expect(o.engagement).toBeUndefined();
    expect(o.sreSupport).toBe('undeclared');
    expect(o.embeddedSres).toEqual(['user:default/alice']);
    const byAnnotation = o.problems.map(p => [p.annotation, p.value]);
    expect(byAnnotation).toEqual(
      expect.arrayContaining([
        ['sre-catalog.io/engagement', 'embeded'],
        ['sre-catalog.io/embedded-sres', 'group:default/oops'],
        ['sre-catalog.io/embedded-sres', '::bad'],
        ['sre-catalog.io/responsibility.karaoke', 'team'],
        ['sre-catalog.io/responsibility.alerting', 'the-dba-folks'],
        ['sre-catalog.io/interaction-mode', 'pairing'],
      ]),
    );
    expect(o.problems).toHaveLength(6);
    expect(o.problems[0].message).toContain('embeded');
    // the bad override is ignored, so the baseline applies
    expect(cell(o, 'alerting').source).toBe('baseline');
  });

  it('refuses a ref whose namespace is not a catalog namespace (a list given as one ref)', () => {
    const o = resolveOwnership(
      component('listed', {
        'sre-catalog.io/engagement': 'central',
        'sre-catalog.io/central-sre': 'group:, user:0/0',
      }),
      { baseline },
    );
    expect(o.centralSre).toBeUndefined();
    expect(o.problems).toEqual([
      expect.objectContaining({
        annotation: 'sre-catalog.io/central-sre',
        value: 'group:, user:0/0',
        message: '"group:, user:0/0" has an invalid namespace ", user:0"',
      }),
    ]);
  });

  it('carries a time-boxed engagement from the entity that declares it, with its expiry', () => {
    const now = new Date('2026-12-04T09:00:00Z');
    const parachute = resolveOwnership(
      component('parachute', {
        'sre-catalog.io/engagement': 'central',
        'sre-catalog.io/engagement-until': '2026-12-10',
        'sre-catalog.io/engagement-then': 'platform',
      }),
      { baseline, now },
    );
    expect(parachute).toMatchObject({
      engagement: 'central',
      engagementUntil: '2026-12-10',
      engagementThen: 'platform',
      engagementExpiry: 'expiring',
    });
    expect(parachute.problems).toEqual([]);

    // The System's time box ends the System's engagement, not the service's own.
    const system = {
      ...paymentsSystem,
      metadata: {
        ...paymentsSystem.metadata,
        annotations: {
          ...paymentsSystem.metadata.annotations,
          'sre-catalog.io/engagement-until': '2026-11-30',
          'sre-catalog.io/engagement-then': 'enabling',
        },
      },
    };
    const inherited = resolveOwnership(component('ledger'), {
      baseline,
      system,
      now,
    });
    expect(inherited.engagementExpiry).toBe('expired');
    const own = resolveOwnership(
      component('ledger', { 'sre-catalog.io/engagement': 'embedded' }),
      { baseline, system, now },
    );
    expect(own.engagementUntil).toBeUndefined();
    expect(own.engagementExpiry).toBeUndefined();
  });

  it('reports a time box that is incomplete or has nothing to end', () => {
    const messages = (annotations: Record<string, string>) =>
      resolveOwnership(component('boxed', annotations), {
        baseline,
      }).problems.map(p => [p.annotation, p.message]);
    expect(
      messages({
        'sre-catalog.io/engagement-until': '2026-12-10',
        'sre-catalog.io/engagement-then': 'platform',
      }),
    ).toEqual([
      [
        'sre-catalog.io/engagement-until',
        'sre-catalog.io/engagement-until needs sre-catalog.io/engagement on the same entity: the engagement it time-boxes',
      ],
      [
        'sre-catalog.io/engagement-then',
        'sre-catalog.io/engagement-then needs sre-catalog.io/engagement on the same entity: the engagement it time-boxes',
      ],
    ]);
    expect(
      messages({
        'sre-catalog.io/engagement': 'central',
        'sre-catalog.io/engagement-until': '10 December',
        'sre-catalog.io/engagement-then': 'central',
      }),
    ).toEqual([
      [
        'sre-catalog.io/engagement-until',
        '"10 December" is not a date; expected YYYY-MM-DD, the last day of the engagement',
      ],
      [
        'sre-catalog.io/engagement-then',
        'sre-catalog.io/engagement-then must differ from sre-catalog.io/engagement (central): it is what follows the engagement',
      ],
    ]);
    expect(
      messages({
        'sre-catalog.io/engagement': 'central',
        'sre-catalog.io/engagement-until': '2026-12-10',
      }),
    ).toEqual([
      [
        'sre-catalog.io/engagement-until',
        'sre-catalog.io/engagement-until needs sre-catalog.io/engagement-then: the engagement model that follows (none if nothing does)',
      ],
    ]);
  });

  it('reports bad offering uses with the other annotation problems', () => {
    const o = resolveOwnership(
      component('user', { 'sre-catalog.io/offerings': 'ci-runners=paused' }),
      { baseline },
    );
    expect(o.problems.map(p => p.annotation)).toEqual([
      'sre-catalog.io/offerings',
    ]);
  });

  it('treats refs missing from the catalog as problems that hold nothing', () => {
    const known = new Set([
      'group:default/checkout-team',
      'user:default/alice',
    ]);
    const o = resolveOwnership(
      component('svc', {
        'sre-catalog.io/engagement': 'embedded',
        'sre-catalog.io/embedded-sres': 'alice, ghost',
      }),
      { baseline, refExists: ref => known.has(ref) },
    );
    expect(o.embeddedSres).toEqual(['user:default/alice']);
    expect(o.problems).toEqual([
      {
        entityRef: 'component:default/svc',
        annotation: 'sre-catalog.io/embedded-sres',
        value: 'user:default/ghost',
        message: 'user:default/ghost does not exist in the catalog',
      },
    ]);
  });

  it('calls a service without SRE support what it is', () => {
    const none = resolveOwnership(
      component('legacy', { 'sre-catalog.io/engagement': 'none' }),
      { baseline },
    );
    expect(none.sreSupport).toBe('none');
    const undeclared = resolveOwnership(component('nothing'), { baseline });
    expect(undeclared.sreSupport).toBe('undeclared');
    expect(undeclared.engagementSource).toBe('none');
  });

  it('reads the team type of a Group and rejects it elsewhere', () => {
    const group: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: {
        name: 'platform-engineering',
        annotations: { 'sre-catalog.io/team-type': 'platform' },
      },
      spec: { type: 'team', children: [] },
    };
    expect(resolveOwnership(group, { baseline }).teamType).toBe('platform');
    const o = resolveOwnership(
      component('svc', { 'sre-catalog.io/team-type': 'platform' }),
      { baseline },
    );
    expect(o.teamType).toBeUndefined();
    expect(o.problems[0].message).toBe(
      'sre-catalog.io/team-type does not apply to a Component',
    );
  });
});
