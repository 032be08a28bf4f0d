import { Entity, KubernetesValidatorFunctions } from '@backstage/catalog-model';
import { ANNOTATION_SLO_FORMAT } from './annotations';

/** What the Sloth and Pyrra converters know about one SLO. */
export type SloEntityParts = {
  /** A valid entity name, see {@link toEntityName}. */
  name: string;
  namespace: string;
  format: 'sloth' | 'pyrra';
  /** A Component name or entity ref. */
  service: string;
  description?: string;
  /** Source labels; those that are not valid Backstage labels are left out. */
  labels?: Record<string, string>;
  /** Extra annotations, besides the format. */
  annotations?: Record<string, string>;
  /** Fixed-length rolling window such as `30d`. */
  window: string;
  targetPercent: number;
  budgetingMethod: 'Occurrences' | 'RatioTimeslices';
  /** Required with RatioTimeslices. */
  timeSliceWindow?: string;
  /** Name of the inline SLI. */
  indicatorName: string;
  /** PromQL of the bad events and of all events. */
  badQuery: string;
  totalQuery: string;
};

const MAX_NAME_LENGTH = 63;

/**
 * Turns free text such as `My Service-requests availability` into a valid entity
 * name (`My-Service-requests-availability`): characters other than letters, digits,
 * `-`, `_` and `.` become `-`, runs of separators collapse, and the result is cut
 * to 63 characters, starting and ending with a letter or digit. Undefined when
 * nothing is left.
 */
export function toEntityName(text: string): string | undefined {
  const name = text
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/([._-])[._-]+/g, '$1')
    .replace(/^[._-]+/, '')
    .slice(0, MAX_NAME_LENGTH)
    .replace(/[._-]+$/, '');
  return KubernetesValidatorFunctions.isValidObjectName(name)
    ? name
    : undefined;
}

/** The labels that Backstage accepts as entity labels. */
export function toEntityLabels(
  labels: Record<string, string> | undefined,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels ?? {})) {
    if (
      KubernetesValidatorFunctions.isValidLabelKey(key) &&
      KubernetesValidatorFunctions.isValidLabelValue(value)
    ) {
      result[key] = value;
    }
  }
  return result;
}

function prometheusSide(query: string) {
  return { metricSource: { type: 'Prometheus', spec: { query } } };
}

/**
 * The OpenSLO v1 SLO entity that a converted Sloth or Pyrra SLO becomes: rolling
 * window, one objective in percent, and an inline Prometheus ratio SLI of bad and
 * total events.
 */
export function buildSloEntity(parts: SloEntityParts): Entity {
  const labels = toEntityLabels(parts.labels);
  const objective: Record<string, number | string> = {
    targetPercent: parts.targetPercent,
  };
  if (parts.timeSliceWindow) objective.timeSliceWindow = parts.timeSliceWindow;
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: {
      name: parts.name,
      namespace: parts.namespace,
      ...(parts.description ? { description: parts.description } : {}),
      ...(Object.keys(labels).length > 0 ? { labels } : {}),
      annotations: {
        ...parts.annotations,
        [ANNOTATION_SLO_FORMAT]: parts.format,
      },
    },
    spec: {
      ...(parts.description ? { description: parts.description } : {}),
      service: parts.service,
      indicator: {
        metadata: { name: parts.indicatorName },
        spec: {
          ratioMetric: {
            counter: true,
            bad: prometheusSide(parts.badQuery),
            total: prometheusSide(parts.totalQuery),
          },
        },
      },
      timeWindow: [{ duration: parts.window, isRolling: true }],
      budgetingMethod: parts.budgetingMethod,
      objectives: [objective],
    },
  };
}
