import { RunbookAlert } from '@sre-catalog/backstage-plugin-sre-common';

/**
 * The two alerts every SLO of the default namespace has (`<slo>:page` and
 * `<slo>:ticket`), as a runbooks response lists them, each covered by
 * `runbookIds` (for the ticket alert, `ticketRunbookIds` where they differ).
 */
export function sloAlerts(
  sloName: string,
  runbookIds: string[],
  ticketRunbookIds: string[] = runbookIds,
): RunbookAlert[] {
  const sloRef = `slo:default/${sloName}`;
  return [
    { name: `${sloName}:page`, sloRef, severity: 'page', runbookIds },
    {
      name: `${sloName}:ticket`,
      sloRef,
      severity: 'ticket',
      runbookIds: ticketRunbookIds,
    },
  ];
}
