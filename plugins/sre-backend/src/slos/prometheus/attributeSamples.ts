import { randomBytes } from 'node:crypto';
import {
  NONCE_LABEL,
  PartNonces,
  SIDE_LABEL,
  SLO_LABEL,
  SliSide,
  WindowQuerySlo,
  sidesOf,
} from './buildWindowQuery';
import { PrometheusSample } from './PrometheusClient';

/** The values of the sides of one SLO in one window. */
export type SideValues = Partial<Record<SliSide, number>>;

const WRAPPER_LABELS = [NONCE_LABEL, SIDE_LABEL, SLO_LABEL].sort().join(',');

/** New random nonces for every side of every SLO of a batch query. */
export function newPartNonces(slos: WindowQuerySlo[]): PartNonces {
  return new Map(
    slos.map(slo => [
      slo.ref,
      Object.fromEntries(
        sidesOf(slo.source).map(side => [
          side,
          randomBytes(16).toString('hex'),
        ]),
      ),
    ]),
  );
}

/**
 * The side values of each SLO of a batch query from its answer, or the problem
 * when the answer holds a series that the wrappers of `buildWindowQuery` cannot
 * have written: one with other labels than exactly the SLO, the side and that
 * part's nonce of `nonces`, for an SLO or a side not in the batch, or a second
 * one for the same side. Then nothing of the answer can be trusted, for any of
 * its SLOs. The problem names label names, never values: those came from
 * whoever wrote the series.
 */
export function attributeSamples(
  samples: PrometheusSample[],
  nonces: PartNonces,
): { values: Map<string, SideValues> } | { problem: string } {
  const values = new Map<string, SideValues>();
  for (const { metric, value } of samples) {
    const names = Object.keys(metric).sort();
    if (names.join(',') !== WRAPPER_LABELS) {
      return { problem: `a series with the labels {${names.join(', ')}}` };
    }
    const ref = metric[SLO_LABEL];
    const side = metric[SIDE_LABEL] as SliSide;
    const nonce = nonces.get(ref)?.[side];
    if (!nonce) {
      return {
        problem:
          'a series for an SLO or a side that the query does not ask for',
      };
    }
    if (metric[NONCE_LABEL] !== nonce) {
      return {
        problem: `a series for the ${side} side of ${ref} with another nonce than that part's`,
      };
    }
    const known = values.get(ref) ?? {};
    if (side in known) {
      return { problem: `two series for the ${side} side of ${ref}` };
    }
    values.set(ref, { ...known, [side]: value });
  }
  return { values };
}
