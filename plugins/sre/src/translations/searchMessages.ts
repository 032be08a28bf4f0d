/** The texts of the SRE documents in search results (`searchResult.*` of the plugin's translation ref). */
export const searchMessages = {
  postmortem: 'Postmortem',
  runbook: 'Runbook',
  severity: 'Severity: {{severity}}',
  service: 'Service: {{service}}',
  team: 'Team: {{team}}',
  started: 'Started: {{date}}',
  source: 'Source: {{source}}',
  alerts_one: '{{count}} alert',
  alerts_other: '{{count}} alerts',
  reviewOverdue: 'Review overdue',
} as const;
