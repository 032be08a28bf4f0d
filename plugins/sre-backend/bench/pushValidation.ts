/* eslint-disable no-console */
/**
 * Benchmark of the batch push's body validation: the request path of one tick of
 * 10,000 SLOs (one minute bucket each, about 1 MB) through the plugin's OpenAPI
 * router as built (body left to the SLO domain's own schema), and through the same
 * router validating the body against openapi.yaml as well (express-openapi-validator,
 * Ajv). Both run in this process, on loopback, alternately, with a handler that
 * answers 202 at once: the difference is what the validator adds to every tick.
 *
 *   yarn bench:push     (from the repository root)
 *
 * Env: SRE_BENCH_PUSH_SLOS (10000), SRE_BENCH_PUSH_ROUNDS (15).
 */
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import express from 'express';
import { once } from 'node:events';
import { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { bodyParsers } from '../src/http/bodyParsers';
import { withBodiesLeftToTheDomains } from '../src/http/createSreApiRouter';
import { spec } from '../src/schema/openapi';

const SLOS = Number(process.env.SRE_BENCH_PUSH_SLOS ?? 10_000);
const ROUNDS = Number(process.env.SRE_BENCH_PUSH_ROUNDS ?? 15);

type ValidatorSpec = Parameters<typeof createValidatedOpenApiRouter>[0];

async function serve(validatorSpec: ValidatorSpec) {
  const app = express();
  app.use(bodyParsers());
  const router = createValidatedOpenApiRouter(validatorSpec, {
    middleware: [(_req, _res, next) => next()],
    validatorOptions: { validateSecurity: false },
  });
  router.post('/slos/events', (_req, res) => {
    res.status(202).json({ accepted: SLOS, slos: SLOS });
  });
  app.use(router);
  app.use(
    (
      error: Error,
      _req: express.Request,
      res: express.Response,
      _next: any,
    ) => {
      res.status(400).json({ error: error.message });
    },
  );
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/slos/events`, server };
}

async function post(url: string, body: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const text = await res.text();
  if (res.status !== 202) throw new Error(`${res.status} ${text}`);
  return performance.now() - started;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const start = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
  const body = JSON.stringify({
    slos: Array.from({ length: SLOS }, (_, i) => ({
      slo: `slo:default/bench-${i}`,
      buckets: [
        { start: start.toISOString(), good: 990 + (i % 10), total: 1000 },
      ],
    })),
  });
  const asBuilt = await serve(
    withBodiesLeftToTheDomains(spec) as ValidatorSpec,
  );
  const validated = await serve(spec as unknown as ValidatorSpec);
  const times = { asBuilt: [] as number[], validated: [] as number[] };
  // Warm-up: the validator compiles its schemas on the first request.
  await post(asBuilt.url, body);
  await post(validated.url, body);
  for (let round = 0; round < ROUNDS; round++) {
    times.asBuilt.push(await post(asBuilt.url, body));
    times.validated.push(await post(validated.url, body));
  }
  asBuilt.server.close();
  validated.server.close();
  const a = median(times.asBuilt);
  const v = median(times.validated);
  console.log(
    `batch push of ${SLOS.toLocaleString('en-US')} SLOs (${(
      body.length / 1e6
    ).toFixed(1)} MB), median of ${ROUNDS}:`,
  );
  console.log(`  body left to the domain's schema   ${a.toFixed(1)} ms`);
  console.log(`  body validated by the OpenAPI spec ${v.toFixed(1)} ms`);
  console.log(
    `  the OpenAPI validator adds ${(v - a).toFixed(1)} ms per tick (${(
      v / a
    ).toFixed(2)}x of the request as built)`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
