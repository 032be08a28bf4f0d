/**
 * The catalog of a fault run: one team, a handful of services with one built-in
 * SLO each (request-based and time-slice ones, so that both rollup paths run),
 * and the config files of the replicas.
 */
import fs from 'node:fs';
import path from 'node:path';

export type FaultSlo = {
  name: string;
  ref: string;
  service: string;
  method: 'Occurrences' | 'Timeslices';
  /** Timeslices: a one-minute slice is good at this ratio or above. */
  sliceTarget?: number;
};

export function faultSlos(count: number, timesliced: number): FaultSlo[] {
  return Array.from({ length: count }, (_, i) => {
    const service = `faults-svc-${i}`;
    const method = i >= count - timesliced ? 'Timeslices' : 'Occurrences';
    const name = `${service}-${
      method === 'Timeslices' ? 'minutes' : 'requests'
    }`;
    return {
      name,
      ref: `slo:default/${name}`,
      service,
      method,
      sliceTarget: method === 'Timeslices' ? 0.99 : undefined,
    };
  });
}

function organisation(slos: FaultSlo[]): string {
  const docs = [
    `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: faults-team }
spec: { type: team, children: [] }`,
  ];
  for (const slo of slos) {
    docs.push(`apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ${slo.service} }
spec: { type: service, lifecycle: production, owner: group:default/faults-team }`);
    const objective =
      slo.method === 'Timeslices'
        ? `{ target: 0.995, timeSliceTarget: ${slo.sliceTarget}, timeSliceWindow: 1m }`
        : `{ target: 0.999 }`;
    // A minute without data is no slice at all: the status counts only pushed minutes.
    const annotations =
      slo.method === 'Timeslices'
        ? `, annotations: { sre-catalog.io/no-data-slices: skip }`
        : '';
    docs.push(`apiVersion: openslo/v1
kind: SLO
metadata: { name: ${slo.name}${annotations} }
spec:
  service: ${slo.service}
  indicator:
    metadata: { name: ${slo.name}-sli }
    spec:
      ratioMetric:
        counter: true
        good: { metricSource: { type: builtin } }
        total: { metricSource: { type: builtin } }
  budgetingMethod: ${slo.method}
  timeWindow: [{ duration: 28d, isRolling: true }]
  objectives: [${objective}]`);
  }
  return `${docs.join('\n---\n')}\n`;
}

/**
 * Writes the organisation and the config shared by both replicas (catalog, a
 * short evaluation interval, PostgreSQL with one schema per plugin) into `dir`;
 * returns the config file. Each replica adds its own connection (see
 * {@link writeReplicaConfig}).
 */
export function writeSharedConfig(
  dir: string,
  slos: FaultSlo[],
  evaluationSeconds: number,
): string {
  const orgFile = path.join(dir, 'organisation.yaml');
  fs.writeFileSync(orgFile, organisation(slos));
  const file = path.join(dir, 'faults-config.yaml');
  fs.writeFileSync(
    file,
    `catalog:
  locations:
    - type: file
      target: ${orgFile}
      rules: [{ allow: [Component, Group, SLO] }]
sre:
  evaluation:
    frequency: { seconds: ${evaluationSeconds} }
`,
  );
  return file;
}

/** The replica's database connection, as JSON (valid YAML). */
export function writeReplicaConfig(
  dir: string,
  replica: string,
  connection: Record<string, unknown>,
): string {
  const file = path.join(dir, `replica-${replica}.yaml`);
  fs.writeFileSync(
    file,
    `backend:
  database:
    client: pg
    pluginDivisionMode: schema
    connection: ${JSON.stringify(connection)}
`,
  );
  return file;
}
