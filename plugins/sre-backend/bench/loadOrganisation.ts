/**
 * The generated organisation of the load test and how it is seeded: `services`
 * Components in Systems owned by teams, one built-in SLO each, SLI data pushed
 * through the batch push API, and postmortems written through the API. Every tenth
 * service is restricted to its owner group (the demo policy), so that the guest sees
 * 90% of them and every list is filtered by visibility.
 */
import path from 'node:path';
import { ROOT } from './backendHarness';

/** Users of examples/org.yaml, named as embedded SREs. */
const SRES = [
  'user:default/priya.nair',
  'user:default/tom.keller',
  'user:default/daniel.okafor',
  'user:default/mei.lin',
];
const ENGAGEMENTS = ['embedded', 'central', 'hybrid', 'platform', 'enabling'];

export class LoadOrganisation {
  readonly teams: number;
  readonly systems: number;

  constructor(readonly services: number) {
    this.teams = Math.max(2, Math.round(services / 50));
    this.systems = Math.max(1, Math.round(services / 20));
  }

  service(i: number) {
    return `load-svc-${String(i).padStart(5, '0')}`;
  }
  team(i: number) {
    return `load-team-${String(i % this.teams).padStart(3, '0')}`;
  }
  system(i: number) {
    return `load-sys-${String(i % this.systems).padStart(4, '0')}`;
  }
  slo(i: number) {
    return `${this.service(i)}-availability`;
  }
  isRestricted(i: number) {
    return i % 10 === 0;
  }
  /** Services the guest can see: every one that is not restricted. */
  visible(count: number, from = 1): number[] {
    const out: number[] = [];
    for (let i = from; out.length < count && i < this.services; i++) {
      if (!this.isRestricted(i)) out.push(i);
    }
    return out;
  }

  /** Groups, Systems, services and their SLOs as one multi-document YAML file. */
  yaml(): string {
    const docs: string[] = [];
    for (let t = 0; t < this.teams; t++) {
      docs.push(`apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: ${this.team(t)} }
spec: { type: team, children: [] }`);
    }
    for (let s = 0; s < this.systems; s++) {
      const engagement = ENGAGEMENTS[s % ENGAGEMENTS.length];
      const sres = ['embedded', 'hybrid'].includes(engagement)
        ? `, sre-catalog.io/embedded-sres: "${SRES[s % SRES.length]}"`
        : '';
      docs.push(`apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: ${this.system(s)}
  annotations: { sre-catalog.io/engagement: ${engagement}${sres} }
spec: { owner: group:default/${this.team(s)} }`);
    }
    for (let i = 0; i < this.services; i++) {
      const annotations = [
        ...(this.isRestricted(i)
          ? ['sre-catalog.io/visibility: restricted']
          : []),
        // Some services override their System's engagement.
        ...(i % 7 === 0 ? ['sre-catalog.io/engagement: none'] : []),
      ];
      docs.push(`apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${this.service(i)}${
        annotations.length
          ? `\n  annotations: { ${annotations.join(', ')} }`
          : ''
      }
spec:
  type: service
  lifecycle: production
  owner: group:default/${this.team(i)}
  system: ${this.system(i)}`);
      docs.push(builtinSloYaml(this.slo(i), this.service(i)));
    }
    return `${docs.join('\n---\n')}\n`;
  }

  /** The demo's locations plus the generated file (arrays replace, not merge). */
  config(orgFile: string): string {
    const examples = path.join(ROOT, 'examples');
    return `catalog:
  locations:
    - { type: file, target: ${examples}/entities.yaml }
    - { type: file, target: ${examples}/org.yaml, rules: [{ allow: [User, Group] }] }
    - type: file
      target: ${orgFile}
      rules: [{ allow: [Component, System, Group, SLO, SLI] }]
  processingInterval: { minutes: 30 }
`;
  }

  /** One batch push body: `hours` hourly buckets (ending at `nowMs`) of SLOs `from`..`to`. */
  sliBatch(
    from: number,
    to: number,
    nowMs: number,
    hours: number,
  ): { slos: unknown[] } {
    const hour = 3_600_000;
    const last = Math.floor(nowMs / hour) * hour - hour;
    const slos = [];
    for (let i = from; i < Math.min(to, this.services); i++) {
      const buckets = [];
      for (let h = hours - 1; h >= 0; h--) {
        const total = 6000 + (i % 100);
        buckets.push({
          start: new Date(last - h * hour).toISOString(),
          good: total - (i % 5),
          total,
        });
      }
      slos.push({
        slo: `slo:default/${this.slo(i)}`,
        bucketSeconds: 3600,
        replace: true,
        buckets,
      });
    }
    return { slos };
  }

  /** One minute of `count` SLOs, the batch pushed under load. */
  sliTick(count: number, nowMs: number): { slos: unknown[] } {
    const minute = 60_000;
    const start = new Date(
      Math.floor(nowMs / minute) * minute - minute,
    ).toISOString();
    const slos = [];
    for (let i = 0; i < Math.min(count, this.services); i++) {
      slos.push({
        slo: `slo:default/${this.slo(i)}`,
        buckets: [{ start, good: 99, total: 100 }],
      });
    }
    return { slos };
  }

  postmortem(i: number, nowMs: number) {
    const s = i % this.services;
    return {
      title: `Latency spike on ${this.service(s)} after a ${
        ['deploy', 'failover', 'config change', 'traffic surge'][i % 4]
      }`,
      severity: 'SEV3',
      status: 'published',
      startedAt: new Date(nowMs - (i + 2) * 3_600_000).toISOString(),
      resolvedAt: new Date(nowMs - (i + 1) * 3_600_000).toISOString(),
      entityRefs: [`component:default/${this.service(s)}`],
      impactedSlos: [
        { sloRef: `slo:default/${this.slo(s)}`, budgetConsumed: 0.01 },
      ],
      summary: 'A slow dependency timed out under load.',
      actionItems: [
        {
          title: 'Add a timeout',
          owner: `group:default/${this.team(s)}`,
          priority: 'P2',
          status: 'open',
        },
      ],
    };
  }
}

/** An OpenSLO document of a 99.9% built-in SLO of a service, as catalog YAML. */
export function builtinSloYaml(name: string, service: string): string {
  return `apiVersion: openslo/v1
kind: SLO
metadata: { name: ${name} }
spec:
  service: ${service}
  indicator:
    metadata: { name: ${service}-requests }
    spec:
      ratioMetric:
        counter: true
        good: { metricSource: { type: builtin } }
        total: { metricSource: { type: builtin } }
  budgetingMethod: Occurrences
  timeWindow: [{ duration: 28d, isRolling: true }]
  objectives: [{ target: 0.999 }]`;
}
