/** The load test's settings (env knobs), its generated organisation and its API client. */
import { apiClient } from './backendHarness';
import { LoadOrganisation } from './loadOrganisation';

const env = (name: string, fallback: number) =>
  Number(process.env[name] ?? fallback);
export const PORT = env('SRE_BENCH_LOAD_PORT', 7374);
export const SERVICES = env('SRE_BENCH_LOAD_SERVICES', 10_000);
export const POSTMORTEMS = env(
  'SRE_BENCH_LOAD_POSTMORTEMS',
  Math.round(SERVICES / 2),
);
export const SECONDS = env('SRE_BENCH_LOAD_SECONDS', 10);
export const RATE = env('SRE_BENCH_LOAD_RATE', 50);
export const ROLLUP_RATE = env('SRE_BENCH_LOAD_ROLLUP_RATE', 10);
export const PUSH_RATE = env('SRE_BENCH_LOAD_PUSH_RATE', 1);
export const PUSH_SLOS = env('SRE_BENCH_LOAD_PUSH_SLOS', 1000);
export const CONNECTIONS = env('SRE_BENCH_LOAD_CONNECTIONS', 10);
export const HEAP_MB = env('SRE_BENCH_LOAD_HEAP_MB', 4096);
export const BASE = `http://127.0.0.1:${PORT}`;
/** The demo's static seeder token (app-config.yaml, backend.auth.externalAccess). */
export const SEED_TOKEN =
  process.env.SRE_SEED_TOKEN ?? 'sre-demo-seed-token-local-only';

export const org = new LoadOrganisation(SERVICES);

export const api = apiClient(BASE);
