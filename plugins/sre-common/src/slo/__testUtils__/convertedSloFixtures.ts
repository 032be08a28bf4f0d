/**
 * The inline OpenSLO SLI that the Sloth and Pyrra converters write: a Prometheus
 * ratio of counters, bad events over total events.
 */
export function badOverTotalIndicator(
  name: string,
  badQuery: string,
  totalQuery: string,
) {
  return {
    metadata: { name },
    spec: {
      ratioMetric: {
        counter: true,
        bad: {
          metricSource: { type: 'Prometheus', spec: { query: badQuery } },
        },
        total: {
          metricSource: { type: 'Prometheus', spec: { query: totalQuery } },
        },
      },
    },
  };
}
