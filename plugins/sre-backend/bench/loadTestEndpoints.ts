/** The endpoints the load test drives, each with its rate, caller and role in the targets. */
import { FixedRateRequest } from './fixedRateLoad';
import {
  PUSH_RATE,
  PUSH_SLOS,
  RATE,
  ROLLUP_RATE,
  SEED_TOKEN,
  SERVICES,
  org,
} from './loadTestSettings';

export type Endpoint = {
  label: string;
  role: 'catalog' | 'status' | 'list' | 'rollup' | 'other';
  rate: number;
  token: string;
  requests: FixedRateRequest[];
};

export function endpoints(guest: string): Endpoint[] {
  const services = org.visible(100);
  const teams = Array.from({ length: Math.min(20, org.teams) }, (_, t) =>
    org.team(t),
  );
  const words = ['latency', 'deploy', 'failover', 'surge', 'timeout'];
  const get = (paths: string[]) => paths.map(p => ({ path: p }));
  return [
    {
      label: 'GET catalog by-name component',
      role: 'catalog',
      rate: RATE,
      token: guest,
      requests: get(
        services.map(
          i =>
            `/api/catalog/entities/by-name/component/default/${org.service(i)}`,
        ),
      ),
    },
    {
      label: 'GET /slos/{ns}/{name}/status',
      role: 'status',
      rate: RATE,
      token: guest,
      requests: get(
        services.map(i => `/api/sre/slos/default/${org.slo(i)}/status`),
      ),
    },
    {
      label: 'GET /slos?owner={group}',
      role: 'list',
      rate: RATE,
      token: guest,
      requests: get(teams.map(t => `/api/sre/slos?owner=group:default/${t}`)),
    },
    {
      label: 'GET /slos/{ns}/{name}/history?days=400',
      role: 'other',
      rate: RATE,
      token: guest,
      requests: get(
        services
          .slice(0, 20)
          .map(i => `/api/sre/slos/default/${org.slo(i)}/history?days=400`),
      ),
    },
    {
      label: 'GET /postmortems?q={word}',
      role: 'other',
      rate: RATE,
      token: guest,
      requests: get(words.map(w => `/api/sre/postmortems?q=${w}`)),
    },
    {
      label: 'GET /coverage',
      role: 'rollup',
      rate: ROLLUP_RATE,
      token: guest,
      requests: get(['/api/sre/coverage']),
    },
    {
      label: 'GET /teams/{ns}/{name}',
      role: 'rollup',
      rate: ROLLUP_RATE,
      token: guest,
      requests: get(teams.map(t => `/api/sre/teams/default/${t}`)),
    },
    {
      label: `POST /slos/events (${Math.min(PUSH_SLOS, SERVICES)} SLOs)`,
      role: 'other',
      rate: PUSH_RATE,
      token: SEED_TOKEN,
      requests: [
        {
          method: 'POST',
          path: '/api/sre/slos/events',
          body: JSON.stringify(org.sliTick(PUSH_SLOS, Date.now())),
        },
      ],
    },
  ];
}
