import { newPartNonces } from './attributeSamples';
import { PartNonces, WindowQuerySlo } from './buildWindowQuery';
import { PrometheusQueryFailure } from './PrometheusSloResult';
import { QueryLimits, SourceRun, isRejectedQuery } from './runSourceQueries';

/** An answer attributed to its SLOs, or why it cannot be trusted. */
export type AttributedAnswer<V> =
  | { values: Map<string, V> }
  | { problem: string };

/** Options of {@link queryIsolatingFaults}. */
export type QueryIsolatingFaultsOptions<V> = {
  /** The query in messages: `query` or `range query`. */
  queryName: string;
  /**
   * Sends the batch query of `slos`, each part labelled with its nonce of
   * `nonces` (new and random for this query), and attributes the answer by them.
   */
  ask(
    slos: WindowQuerySlo[],
    nonces: PartNonces,
    limits: QueryLimits,
  ): Promise<AttributedAnswer<V>>;
  /** Called with each SLO's part of an answer that could be trusted. */
  onValues(ref: string, values: V): void;
};

/**
 * Asks one batch query for `slos` through `run`. When Prometheus rejects it, or
 * its answer holds series that its wrappers cannot have written, the SLOs are
 * split in halves and asked again until the ones at fault are alone: they go to
 * `run.failed`, so that one bad SLO document does not take down the others of
 * its source. Any other error (the source failed) is thrown.
 */
export async function queryIsolatingFaults<V>(
  run: SourceRun,
  slos: WindowQuerySlo[],
  options: QueryIsolatingFaultsOptions<V>,
): Promise<void> {
  const { queryName } = options;
  let failure: (ref: string) => PrometheusQueryFailure;
  try {
    const answer = await run.send(limits =>
      options.ask(slos, newPartNonces(slos), limits),
    );
    if ('values' in answer) {
      for (const [ref, values] of answer.values) options.onValues(ref, values);
      return;
    }
    failure = ref => ({
      reason: 'query-refused',
      error: `The answer to the ${queryName} of ${ref} held series that its own query cannot produce (${answer.problem}); none of it is used`,
    });
  } catch (error) {
    if (!isRejectedQuery(error)) throw error;
    failure = ref => ({
      reason: 'query-failed',
      error: `Prometheus rejected the ${queryName} of ${ref}: ${error.message}`,
    });
  }
  if (slos.length === 1) {
    run.failed.set(slos[0].ref, failure(slos[0].ref));
    return;
  }
  const half = Math.ceil(slos.length / 2);
  await Promise.all([
    queryIsolatingFaults(run, slos.slice(0, half), options),
    queryIsolatingFaults(run, slos.slice(half), options),
  ]);
}
