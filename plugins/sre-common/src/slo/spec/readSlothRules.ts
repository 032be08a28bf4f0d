import { BudgetingMethod, SliSource, SlothRecordingRules } from '../definition';
import {
  ANNOTATION_SLOTH_ID,
  ANNOTATION_SLOTH_SERVICE,
  ANNOTATION_SLOTH_SLO,
} from './annotations';
import { childPath, showValue, SpecReader } from './SpecReader';

/**
 * Sloth's own rule for service, SLO and ID names (`conventions.NameRegexp`): its
 * labels can only hold such values, and they need no quoting in a selector.
 */
const SLOTH_NAME = /^[A-Za-z0-9][-A-Za-z0-9_.]*[A-Za-z0-9]$/;
/** Every ID is part of one regex of a query for all SLOs; keep it bounded. */
const MAX_SLOTH_NAME_LENGTH = 253;

function readName(
  reader: SpecReader,
  annotations: Record<string, string>,
  path: string,
  key: string,
): string | undefined {
  const value = annotations[key];
  if (value === undefined) return undefined;
  const at = childPath(path, key);
  if (value.length > MAX_SLOTH_NAME_LENGTH) {
    reader.problem(
      at,
      `${key} is ${value.length} characters long; at most ${MAX_SLOTH_NAME_LENGTH} are allowed`,
    );
    return undefined;
  }
  if (!SLOTH_NAME.test(value)) {
    reader.problem(
      at,
      `${key} ${showValue(
        value,
      )} is not a Sloth name: at least two letters, digits, "-", "_" or ".", starting and ending with a letter or digit`,
    );
    return undefined;
  }
  return value;
}

/**
 * Reads which Sloth SLO's recording rules hold an SLO's error ratios, from the
 * annotations {@link ANNOTATION_SLOTH_SERVICE} and {@link ANNOTATION_SLOTH_SLO}
 * (both or neither) and the optional {@link ANNOTATION_SLOTH_ID} (Sloth's default
 * `<service>-<slo>` otherwise). Undefined when the SLO declares none or when the
 * declaration has problems (recorded): every name must be one Sloth accepts, and
 * the SLO must read Prometheus (`source`, when known) and count Occurrences, the
 * only method whose figures Sloth's error ratios give.
 */
export function readSlothRules(
  reader: SpecReader,
  annotations: Record<string, string> | undefined,
  annotationsPath: string,
  slo: { source?: SliSource; budgetingMethod?: BudgetingMethod },
): SlothRecordingRules | undefined {
  if (!annotations) return undefined;
  const keys = [
    ANNOTATION_SLOTH_SERVICE,
    ANNOTATION_SLOTH_SLO,
    ANNOTATION_SLOTH_ID,
  ];
  if (!keys.some(key => annotations[key] !== undefined)) return undefined;
  const before = reader.problems.length;
  const service = readName(
    reader,
    annotations,
    annotationsPath,
    ANNOTATION_SLOTH_SERVICE,
  );
  const name = readName(
    reader,
    annotations,
    annotationsPath,
    ANNOTATION_SLOTH_SLO,
  );
  const id = readName(
    reader,
    annotations,
    annotationsPath,
    ANNOTATION_SLOTH_ID,
  );
  for (const [key, other] of [
    [ANNOTATION_SLOTH_SERVICE, ANNOTATION_SLOTH_SLO],
    [ANNOTATION_SLOTH_SLO, ANNOTATION_SLOTH_SERVICE],
  ]) {
    if (annotations[key] === undefined) {
      reader.problem(
        childPath(annotationsPath, key),
        `${key} is required with ${
          annotations[other] !== undefined ? other : ANNOTATION_SLOTH_ID
        }: ${ANNOTATION_SLOTH_SERVICE} and ${ANNOTATION_SLOTH_SLO} name the Sloth SLO (its sloth_service and sloth_slo labels) whose recording rules to read`,
      );
    }
  }
  if (slo.source && slo.source.type !== 'prometheus') {
    reader.problem(
      childPath(annotationsPath, ANNOTATION_SLOTH_SERVICE),
      `Sloth recording rules are read from Prometheus, but this SLO's SLI reads ${slo.source.type}; remove the ${ANNOTATION_SLOTH_SERVICE} annotations or use a Prometheus metricSource`,
    );
  }
  if (slo.budgetingMethod && slo.budgetingMethod !== 'Occurrences') {
    reader.problem(
      childPath(annotationsPath, ANNOTATION_SLOTH_SERVICE),
      `Sloth recording rules hold error ratios of events, which give the figures of budgetingMethod Occurrences only, not ${slo.budgetingMethod}`,
    );
  }
  if (reader.problems.length > before || !service || !name) return undefined;
  return { id: id ?? `${service}-${name}`, service, slo: name };
}
