/** The fixed settings of a fault scenario; the tunable ones come from runFaults.ts. */
export const HOUR = 3_600_000;
export const MINUTE = 60_000;
/** Slack on the evaluation stall bound: two busy cores run timers and queries late. */
export const STALL_SLACK_MS = 10_000;
/** The demo's static seeder token (app-config.yaml, backend.auth.externalAccess): it may push. */
export const PUSH_TOKEN =
  process.env.SRE_SEED_TOKEN ?? 'sre-demo-seed-token-local-only';
