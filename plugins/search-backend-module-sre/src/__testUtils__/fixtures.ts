import { Entity } from '@backstage/catalog-model';
import {
  Postmortem as SrePostmortem,
  Runbook as SreRunbook,
} from '@sre-catalog/backstage-plugin-sre-common';

export function component(
  name: string,
  options: {
    namespace?: string;
    owner?: string;
    title?: string;
    annotations?: Record<string, string>;
    links?: Array<{ url: string; type?: string; title?: string }>;
  } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: options.namespace ?? 'default',
      ...(options.title ? { title: options.title } : {}),
      ...(options.annotations ? { annotations: options.annotations } : {}),
      ...(options.links ? { links: options.links } : {}),
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      ...(options.owner ? { owner: options.owner } : {}),
    },
  };
}

export function postmortem(
  id: string,
  overrides: Partial<SrePostmortem> = {},
): SrePostmortem {
  return {
    id,
    title: `Incident ${id}`,
    severity: 'SEV2',
    status: 'published',
    startedAt: '2025-03-04T10:15:00Z',
    entityRefs: ['component:default/checkout-api'],
    summary: `Summary of ${id}`,
    impact: `Impact of ${id}`,
    lessons: `Lessons of ${id}`,
    tags: [],
    version: 1,
    template: 'quick',
    ownerRefs: [],
    impactedSlos: [],
    timeline: [],
    contributingFactors: [],
    links: [],
    actionItems: [],
    policy: { required: false, satisfied: true, reason: 'Not required.' },
    createdAt: '2025-03-05T08:00:00Z',
    createdBy: 'user:default/priya.nair',
    updatedAt: '2025-03-06T08:00:00Z',
    updatedBy: 'user:default/priya.nair',
    ...overrides,
  };
}

export function runbook(
  id: string,
  overrides: Partial<SreRunbook> = {},
): SreRunbook {
  return {
    id,
    title: `Runbook ${id}`,
    url: `https://wiki.example.com/runbooks/${id}`,
    source: 'link',
    alerts: [],
    lastReviewed: '2025-01-15',
    stale: false,
    ...overrides,
  };
}
