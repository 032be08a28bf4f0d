import type { AlertSeverity } from '../slo/alerting';

/** @public The alerts every SLO raises, in the order they are listed. */
export const SLO_ALERT_SEVERITIES: readonly AlertSeverity[] = [
  'page',
  'ticket',
];

/**
 * The name of an SLO's alert, as runbooks list it in their front matter `alerts`:
 * `<slo-name>:page` or `<slo-name>:ticket`, with `<namespace>/` in front for SLOs
 * outside the `default` namespace.
 *
 * @public
 */
export function sloAlertName(
  slo: { name: string; namespace?: string },
  severity: AlertSeverity,
): string {
  const namespace = slo.namespace?.toLocaleLowerCase('en-US');
  const name = slo.name.toLocaleLowerCase('en-US');
  return namespace && namespace !== 'default'
    ? `${namespace}/${name}:${severity}`
    : `${name}:${severity}`;
}

/**
 * The SLO and severity an alert name refers to, when it has the form
 * {@link sloAlertName} produces; undefined for other alert names.
 *
 * @public
 */
export function parseSloAlertName(
  alert: string,
): { namespace: string; name: string; severity: AlertSeverity } | undefined {
  const match =
    /^(?:([a-z0-9-]+)\/)?([a-z0-9][a-z0-9._-]*):(page|ticket)$/i.exec(
      alert.trim(),
    );
  if (!match) return undefined;
  return {
    namespace: (match[1] ?? 'default').toLocaleLowerCase('en-US'),
    name: match[2].toLocaleLowerCase('en-US'),
    severity: match[3].toLocaleLowerCase('en-US') as AlertSeverity,
  };
}
