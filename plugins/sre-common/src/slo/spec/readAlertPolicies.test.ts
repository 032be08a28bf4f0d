import { readAlertPolicies } from './readAlertPolicies';
import { SpecReader } from './SpecReader';

function read(alertPolicies: unknown, known?: Record<string, unknown>) {
  const reader = new SpecReader();
  const summary = readAlertPolicies(reader, { alertPolicies }, 'spec', {
    alertPolicies: known,
  });
  return { ...summary, problems: reader.problems };
}

const pagePolicy = {
  apiVersion: 'openslo/v1',
  kind: 'AlertPolicy',
  metadata: { name: 'page' },
  spec: {
    runbookUrl: 'https://runbooks.example.com/page',
    conditions: [
      {
        kind: 'AlertCondition',
        metadata: { name: 'fast-burn' },
        spec: {
          severity: 'page',
          condition: { kind: 'burnrate', op: 'gt', threshold: 14.4 },
          runbook_url: 'https://runbooks.example.com/fast-burn',
        },
      },
    ],
  },
};

describe('readAlertPolicies', () => {
  it('is empty without alert policies', () => {
    expect(read(undefined)).toEqual({
      names: [],
      runbookUrls: [],
      problems: [],
    });
  });

  it('takes names on trust when no policies are known', () => {
    expect(read(['page', { alertPolicyRef: 'ticket' }, 'page'])).toEqual({
      names: ['page', 'ticket'],
      runbookUrls: [],
      problems: [],
    });
  });

  it('collects runbook URLs of inline policies and their conditions', () => {
    expect(read([pagePolicy])).toEqual({
      names: ['page'],
      runbookUrls: [
        'https://runbooks.example.com/page',
        'https://runbooks.example.com/fast-burn',
      ],
      problems: [],
    });
  });

  it('collects runbook URLs of referenced policy documents', () => {
    expect(read([{ alertPolicyRef: 'page' }], { page: pagePolicy })).toEqual({
      names: ['page'],
      runbookUrls: [
        'https://runbooks.example.com/page',
        'https://runbooks.example.com/fast-burn',
      ],
      problems: [],
    });
  });

  it('reports references to unknown policies when the policies are known', () => {
    expect(read(['ticket'], { page: pagePolicy }).problems).toEqual([
      {
        path: 'spec.alertPolicies[0]',
        message: 'alert policy "ticket" is not defined; known policies: page',
      },
    ]);
  });

  it('reports items that are neither names nor policies', () => {
    expect(read([42, '']).problems).toEqual([
      {
        path: 'spec.alertPolicies[0]',
        message:
          'an alert policy must be a name, an alertPolicyRef or an inline AlertPolicy, not 42',
      },
      {
        path: 'spec.alertPolicies[1]',
        message:
          'an alert policy must be a name, an alertPolicyRef or an inline AlertPolicy, not ""',
      },
    ]);
  });

  it('reports inline policies without a name or of another kind', () => {
    expect(
      read([{ kind: 'AlertCondition', metadata: {}, spec: {} }]).problems,
    ).toEqual([
      {
        path: 'spec.alertPolicies[0].kind',
        message: 'kind "AlertCondition" is not AlertPolicy',
      },
      {
        path: 'spec.alertPolicies[0].metadata.name',
        message: 'name is required',
      },
    ]);
  });

  it('reports runbook URLs that are not strings, with their path', () => {
    expect(
      read([{ metadata: { name: 'page', annotations: { runbook_url: true } } }])
        .problems,
    ).toEqual([
      {
        path: 'spec.alertPolicies[0].metadata.annotations.runbook_url',
        message: 'runbook_url must be a URL, not true',
      },
    ]);
  });
});
