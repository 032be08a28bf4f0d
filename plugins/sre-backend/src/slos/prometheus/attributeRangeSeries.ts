import { PartNonces, SliSide } from './buildWindowQuery';
import { attributeSamples } from './attributeSamples';
import { PrometheusSeries } from './PrometheusClient';

/** The points of the sides of one SLO in one range query. */
export type SidePoints = Partial<Record<SliSide, Array<[number, number]>>>;

/**
 * The side points of each SLO of a batch range query from its answer, or the
 * problem when a series of it is not one that the wrappers of the query wrote.
 * The check is attributeSamples' (exactly the SLO, side and nonce labels, the
 * part's nonce, one series per side), run on the series' labels: a range answer
 * has one series per part, as an instant answer has one sample.
 */
export function attributeRangeSeries(
  series: PrometheusSeries[],
  nonces: PartNonces,
): { values: Map<string, SidePoints> } | { problem: string } {
  const attributed = attributeSamples(
    series.map((s, index) => ({ metric: s.metric, value: index })),
    nonces,
  );
  if ('problem' in attributed) return attributed;
  const values = new Map<string, SidePoints>();
  for (const [ref, sides] of attributed.values) {
    const points: SidePoints = {};
    for (const [side, index] of Object.entries(sides) as Array<
      [SliSide, number]
    >) {
      points[side] = series[index].points;
    }
    values.set(ref, points);
  }
  return { values };
}
