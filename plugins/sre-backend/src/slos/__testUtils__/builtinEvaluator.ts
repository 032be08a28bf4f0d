import { mockServices } from '@backstage/backend-test-utils';
import { CatalogSloRegistry, RegisteredSlo } from '../CatalogSloRegistry';
import { SloEvaluator } from '../evaluation/SloEvaluator';
import { PrometheusSliSource } from '../prometheus';
import { SloStatusStore } from '../status/SloStatusStore';
import { SliStore } from '../store/SliStore';

/**
 * An evaluator of built-in SLOs on the stores (no Prometheus source), whose
 * registry loads `slos()`, or throws the error `fail(error)` sets until
 * `fail()` clears it.
 */
export function builtinEvaluator(
  stores: { sliStore: SliStore; statusStore: SloStatusStore },
  slos: () => RegisteredSlo[],
) {
  let failure: Error | undefined;
  const registry = {
    load: async () => {
      if (failure) throw failure;
      return { slos: slos(), invalid: [] };
    },
  } as unknown as CatalogSloRegistry;
  const evaluator = new SloEvaluator(
    registry,
    stores.sliStore,
    stores.statusStore,
    {} as PrometheusSliSource,
    mockServices.logger.mock(),
  );
  return {
    evaluator,
    fail: (error?: Error) => {
      failure = error;
    },
  };
}
