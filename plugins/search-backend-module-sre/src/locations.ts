import { CompoundEntityRef } from '@backstage/catalog-model';
import { Runbook as SreRunbook } from '@sre-catalog/backstage-plugin-sre-common';

/**
 * The `{kind}/{namespace}/{name}` path segments of an entity, lower-cased and
 * URL-encoded the way the catalog's entity routes and the `sre` API spell them.
 */
export function entityPathParams(entity: CompoundEntityRef): {
  kind: string;
  namespace: string;
  name: string;
} {
  const lower = (value: string) =>
    encodeURIComponent(value.toLocaleLowerCase('en-US'));
  return {
    kind: lower(entity.kind),
    namespace: lower(entity.namespace || 'default'),
    name: lower(entity.name),
  };
}

/**
 * Where a postmortem search result leads: the postmortem in the "Incidents &
 * postmortems" tab of its first affected entity.
 */
export function postmortemLocation(
  entity: CompoundEntityRef,
  postmortemId: string,
): string {
  const { kind, namespace, name } = entityPathParams(entity);
  return `/catalog/${namespace}/${kind}/${name}/postmortems/${encodeURIComponent(
    postmortemId,
  )}`;
}

/**
 * Where a runbook search result leads: an external runbook (a catalog link or
 * an alert's `runbook_url`) opens at its own URL; a repository runbook, which
 * Backstage renders, opens in the entity's "Runbooks" tab.
 */
export function runbookLocation(
  entity: CompoundEntityRef,
  runbook: Pick<SreRunbook, 'source' | 'url'>,
): string {
  if (runbook.source !== 'file' && runbook.url && isAbsoluteUrl(runbook.url)) {
    return runbook.url;
  }
  const { kind, namespace, name } = entityPathParams(entity);
  return `/catalog/${namespace}/${kind}/${name}/runbooks`;
}

function isAbsoluteUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}
