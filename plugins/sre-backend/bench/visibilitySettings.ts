/** The visibility benchmark's settings (env knobs), its organisation's names and its API client. */
import { apiClient } from './backendHarness';

export const PORT = Number(process.env.SRE_BENCH_VIS_PORT ?? 7372);
export const SERVICES = Number(process.env.SRE_BENCH_VIS_SERVICES ?? 3000);
export const RATE = Number(process.env.SRE_BENCH_READ_RATE ?? 200);
export const CLIENTS = Number(process.env.SRE_BENCH_READ_CLIENTS ?? 16);
export const SECONDS = Number(process.env.SRE_BENCH_READ_SECONDS ?? 10);
export const CALLERS = Math.max(
  1,
  Number(process.env.SRE_BENCH_VIS_CALLERS ?? 8),
);
export const BASE = `http://127.0.0.1:${PORT}`;
/** The issuer the auth backend puts in its tokens (its external base URL). */
export const ISSUER = `http://localhost:${PORT}/api/auth`;
export const KEY_ID = 'sre-bench-visibility';
export const TEAMS = 30;
/** The demo's static seeder token (app-config.yaml, backend.auth.externalAccess). */
export const SEED_TOKEN =
  process.env.SRE_SEED_TOKEN ?? 'sre-demo-seed-token-local-only';

export const name = (i: number) => `bench-svc-${String(i).padStart(4, '0')}`;
export const team = (i: number) => `bench-team-${i % TEAMS}`;

export const api = apiClient(BASE);
