import {
  KubernetesValidatorFunctions,
  parseEntityRef,
} from '@backstage/catalog-model';
import {
  BudgetingMethod,
  NoDataSlicePolicy,
  SloDefinition,
  SloSourceFormat,
  SloTimeWindow,
  SpecProblem,
} from '../definition';
import {
  ANNOTATION_NO_DATA_SLICES,
  ANNOTATION_RUNBOOK_URL,
  ANNOTATION_SLO_FORMAT,
} from './annotations';
import { readAlertPolicies } from './readAlertPolicies';
import { checkEntityName, readIndicator } from './readIndicator';
import { readSlothRules } from './readSlothRules';
import { readTimeSliceWindow, readTimeWindow } from './readTimeWindow';
import {
  childPath,
  isSpecObject,
  showValue,
  SpecObject,
  SpecReader,
} from './SpecReader';

/** @public The documents an OpenSLO SLO may refer to by name. */
export type ValidateOpenSloSloContext = {
  /** Namespace of the SLO when its document has none; `default` otherwise. */
  namespace?: string;
  /**
   * SLI documents by `metadata.name`, for `spec.indicatorRef`. Leave it out to check
   * the document alone (as the catalog does, where the SLI is another entity): a
   * reference is then only checked to be a name, and no definition is returned.
   */
  slis?: Record<string, unknown>;
  /**
   * AlertPolicy documents by `metadata.name`, for runbook URLs. When given, an
   * SLO that names a policy not among them is invalid.
   */
  alertPolicies?: Record<string, unknown>;
  /** DataSource documents by `metadata.name`, for a `metricSourceRef` without `type`. */
  dataSources?: Record<string, unknown>;
};

/** @public The definition of a valid SLO, or every reason it is invalid. */
export type ValidateOpenSloSloResult = {
  /** Set only when there are no problems. */
  definition?: SloDefinition;
  problems: SpecProblem[];
};

const BUDGETING_METHODS: readonly BudgetingMethod[] = [
  'Occurrences',
  'Timeslices',
  'RatioTimeslices',
];
const SOURCE_FORMATS: readonly SloSourceFormat[] = [
  'openslo',
  'sloth',
  'pyrra',
];
const NO_DATA_SLICE_POLICIES: readonly NoDataSlicePolicy[] = [
  'good',
  'bad',
  'skip',
];
const MAX_DESCRIPTION_LENGTH = 1050;

type Objective = {
  target?: number;
  timeSliceTarget?: number;
  timeSliceWindowMs?: number;
};

/** A number in [min, max) or (min, max], recorded as a problem otherwise. */
function readRange(
  reader: SpecReader,
  objective: SpecObject,
  path: string,
  key: string,
  range: { min: number; max: number; includeMin: boolean; hint?: string },
): number | undefined {
  const value = reader.number(objective, path, key);
  if (value === undefined) return undefined;
  const aboveMin = range.includeMin ? value >= range.min : value > range.min;
  const belowMax = range.includeMin ? value < range.max : value <= range.max;
  if (aboveMin && belowMax) return value;
  const interval = range.includeMin
    ? `[${range.min}, ${range.max})`
    : `(${range.min}, ${range.max}]`;
  reader.problem(
    childPath(path, key),
    `${key} ${value} is outside ${interval}${range.hint ? range.hint : ''}`,
  );
  return undefined;
}

/** `targetPercent: 99.9` -> 0.999, without the binary noise of a plain division. */
function percentToRatio(percent: number): number {
  return Number((percent / 100).toPrecision(12));
}

function readObjective(
  reader: SpecReader,
  item: unknown,
  path: string,
  method: BudgetingMethod | undefined,
  period: SloTimeWindow | undefined,
): Objective {
  if (!isSpecObject(item)) {
    reader.problem(
      path,
      `an objective must be a mapping with target or targetPercent, not ${showValue(
        item,
      )}`,
    );
    return {};
  }
  const objective: Objective = {};
  const hasTarget = item.target !== undefined && item.target !== null;
  const hasPercent =
    item.targetPercent !== undefined && item.targetPercent !== null;
  if (hasTarget && hasPercent) {
    reader.problem(path, 'give target or targetPercent, not both');
  } else if (!hasTarget && !hasPercent) {
    reader.problem(
      path,
      'target (such as 0.999) or targetPercent (such as 99.9) is required',
    );
  } else if (hasTarget) {
    const raw = item.target;
    objective.target = readRange(reader, item, path, 'target', {
      min: 0,
      max: 1,
      includeMin: true,
      hint:
        typeof raw === 'number' && raw >= 50 && raw < 100
          ? `; for a percentage use targetPercent: ${raw}`
          : undefined,
    });
  } else {
    const percent = readRange(reader, item, path, 'targetPercent', {
      min: 0,
      max: 100,
      includeMin: true,
    });
    if (percent !== undefined) objective.target = percentToRatio(percent);
  }

  if (method === 'Timeslices') {
    if (item.timeSliceTarget === undefined || item.timeSliceTarget === null) {
      reader.problem(
        childPath(path, 'timeSliceTarget'),
        'timeSliceTarget is required for Timeslices: the ratio in (0, 1] a slice must reach to be good',
      );
    } else {
      objective.timeSliceTarget = readRange(
        reader,
        item,
        path,
        'timeSliceTarget',
        { min: 0, max: 1, includeMin: false },
      );
    }
  }
  if (method === 'Timeslices' || method === 'RatioTimeslices') {
    objective.timeSliceWindowMs = readTimeSliceWindow(
      reader,
      item,
      path,
      period,
    );
  }
  return objective;
}

/** `web-shop`, `component:web-shop` or `component:payments/web-shop` -> `component:<ns>/<name>`. */
function readService(
  reader: SpecReader,
  spec: SpecObject | undefined,
  namespace: string,
): string | undefined {
  const raw = reader.string(spec, 'spec', 'service', { required: true });
  if (raw === undefined) return undefined;
  let ref;
  try {
    ref = parseEntityRef(raw.trim(), {
      defaultKind: 'component',
      defaultNamespace: namespace,
    });
  } catch (error) {
    reader.problem(
      'spec.service',
      `service ${showValue(raw)} is not a Component name or entity ref (${
        (error as Error).message
      })`,
    );
    return undefined;
  }
  const kind = ref.kind.toLocaleLowerCase('en-US');
  if (kind !== 'component') {
    reader.problem(
      'spec.service',
      `service ${showValue(raw)} must refer to a Component, not a ${kind}`,
    );
    return undefined;
  }
  if (
    !KubernetesValidatorFunctions.isValidObjectName(ref.name) ||
    !KubernetesValidatorFunctions.isValidNamespace(
      ref.namespace.toLocaleLowerCase('en-US'),
    )
  ) {
    reader.problem(
      'spec.service',
      `service ${showValue(raw)} is not a valid Component name or entity ref`,
    );
    return undefined;
  }
  return `component:${ref.namespace}/${ref.name}`.toLocaleLowerCase('en-US');
}

/**
 * Validates one OpenSLO v1 SLO (a catalog entity `apiVersion: openslo/v1`, `kind:
 * SLO`, including Sloth and Pyrra documents converted to that form) and turns it
 * into the {@link SloDefinition} the backend evaluates. Never throws: it records
 * every problem of the document, each with the path of the field and the reason,
 * and returns a definition only when there are none.
 *
 * @public
 */
export function validateOpenSloSlo(
  doc: unknown,
  context: ValidateOpenSloSloContext = {},
): ValidateOpenSloSloResult {
  const reader = new SpecReader();
  if (!isSpecObject(doc)) {
    reader.problem(
      '',
      `an SLO document must be a mapping with apiVersion, kind, metadata and spec, not ${showValue(
        doc,
      )}`,
    );
    return { problems: reader.problems };
  }
  reader.constant(doc, '', 'apiVersion', 'openslo/v1');
  reader.constant(doc, '', 'kind', 'SLO');

  // Envelope.
  const metadata = reader.object(doc, '', 'metadata', { required: true });
  const name = reader.string(metadata, 'metadata', 'name', { required: true });
  checkEntityName(reader, name, 'metadata.name');
  const ownNamespace = reader.string(metadata, 'metadata', 'namespace');
  if (
    ownNamespace !== undefined &&
    !KubernetesValidatorFunctions.isValidNamespace(ownNamespace)
  ) {
    reader.problem(
      'metadata.namespace',
      `namespace ${showValue(
        ownNamespace,
      )} is not a valid namespace: lower-case letters, digits and "-", at most 63`,
    );
  }
  const namespace = ownNamespace ?? context.namespace ?? 'default';
  const displayName =
    reader.string(metadata, 'metadata', 'displayName') ??
    reader.string(metadata, 'metadata', 'title');
  const annotations = reader.stringMap(metadata, 'metadata', 'annotations');
  const annotationsPath = childPath('metadata', 'annotations');
  const format =
    reader.oneOf(
      annotations,
      annotationsPath,
      ANNOTATION_SLO_FORMAT,
      SOURCE_FORMATS,
    ) ?? 'openslo';

  // Spec.
  const spec = reader.object(doc, '', 'spec', { required: true });
  const description =
    reader.string(spec, 'spec', 'description', {
      maxLength: MAX_DESCRIPTION_LENGTH,
    }) ?? reader.string(metadata, 'metadata', 'description');
  const service = readService(reader, spec, namespace);

  let indicator: SloDefinition['indicator'] | undefined;
  const hasInline = spec?.indicator !== undefined && spec.indicator !== null;
  const hasRef = spec?.indicatorRef !== undefined && spec.indicatorRef !== null;
  if (spec && hasInline && hasRef) {
    reader.problem('spec', 'give indicator or indicatorRef, not both');
  } else if (spec && !hasInline && !hasRef) {
    reader.problem(
      'spec',
      'indicator (an inline SLI) or indicatorRef (the name of an SLI) is required',
    );
  } else if (hasInline) {
    indicator = readIndicator(reader, spec?.indicator, 'spec.indicator', {
      document: false,
      dataSources: context.dataSources,
    });
  } else if (hasRef) {
    const ref = reader.string(spec, 'spec', 'indicatorRef', {
      required: true,
    });
    // Own keys only: `{}` must not find an SLI called "constructor".
    const sli =
      ref !== undefined && context.slis && Object.hasOwn(context.slis, ref)
        ? context.slis[ref]
        : undefined;
    if (ref !== undefined && context.slis === undefined) {
      checkEntityName(reader, ref, 'spec.indicatorRef');
    } else if (ref !== undefined && sli === undefined) {
      reader.problem(
        'spec.indicatorRef',
        `indicatorRef ${showValue(ref)} names no known SLI; known SLIs: ${
          Object.keys(context.slis ?? {}).join(', ') || 'none'
        }`,
      );
    } else if (ref !== undefined) {
      indicator = readIndicator(reader, sli, childPath('slis', ref), {
        document: true,
        dataSources: context.dataSources,
      });
      if (indicator && indicator.name !== ref) {
        reader.problem(
          `${childPath('slis', ref)}.metadata.name`,
          `the SLI found under ${showValue(ref)} is named ${showValue(
            indicator.name,
          )}`,
        );
      }
    }
  }

  const timeWindow = readTimeWindow(reader, spec, 'spec');
  const budgetingMethod = reader.oneOf(
    spec,
    'spec',
    'budgetingMethod',
    BUDGETING_METHODS,
    { required: true },
  );

  let objective: Objective = {};
  const objectives = reader.list(spec, 'spec', 'objectives', {
    required: true,
  });
  if (objectives?.length === 0) {
    reader.problem('spec.objectives', 'objectives must have one objective');
  } else if (objectives) {
    if (objectives.length > 1) {
      reader.problem(
        'spec.objectives',
        'only one objective per SLO is supported; split it',
      );
    }
    objectives.forEach((item, index) => {
      const read = readObjective(
        reader,
        item,
        childPath('spec.objectives', index),
        budgetingMethod,
        timeWindow,
      );
      if (index === 0) objective = read;
    });
  }

  const noDataPath = childPath(annotationsPath, ANNOTATION_NO_DATA_SLICES);
  const noDataSlicePolicy = reader.oneOf(
    annotations,
    annotationsPath,
    ANNOTATION_NO_DATA_SLICES,
    NO_DATA_SLICE_POLICIES,
  );
  if (
    budgetingMethod === 'Timeslices' &&
    annotations?.[ANNOTATION_NO_DATA_SLICES] === undefined
  ) {
    reader.problem(
      noDataPath,
      `Timeslices SLOs must say what a slice without data counts as: set ${ANNOTATION_NO_DATA_SLICES} to good, bad or skip`,
    );
  }

  const sloth = readSlothRules(reader, annotations, annotationsPath, {
    source: indicator?.source,
    budgetingMethod,
  });
  if (sloth && indicator?.source.type === 'prometheus') {
    indicator = { ...indicator, source: { ...indicator.source, sloth } };
  }

  const alerting = readAlertPolicies(reader, spec, 'spec', {
    alertPolicies: context.alertPolicies,
  });
  const runbookUrls = [...alerting.runbookUrls];
  for (const url of (annotations?.[ANNOTATION_RUNBOOK_URL] ?? '').split(
    /\s+/,
  )) {
    if (url && !runbookUrls.includes(url)) runbookUrls.push(url);
  }

  if (
    reader.problems.length > 0 ||
    !name ||
    !service ||
    !indicator ||
    !timeWindow ||
    !budgetingMethod ||
    objective.target === undefined
  ) {
    return { problems: reader.problems };
  }
  const definition: SloDefinition = {
    ref: `slo:${namespace}/${name}`.toLocaleLowerCase('en-US'),
    name,
    namespace,
    service,
    format,
    target: objective.target,
    budgetingMethod,
    timeWindow,
    indicator,
    alertPolicies: alerting.names,
    runbookUrls,
  };
  if (displayName) definition.displayName = displayName;
  if (description) definition.description = description;
  if (objective.timeSliceTarget !== undefined) {
    definition.timeSliceTarget = objective.timeSliceTarget;
  }
  if (objective.timeSliceWindowMs !== undefined) {
    definition.timeSliceWindowMs = objective.timeSliceWindowMs;
  }
  if (budgetingMethod !== 'Occurrences' && noDataSlicePolicy) {
    definition.noDataSlicePolicy = noDataSlicePolicy;
  }
  return { definition, problems: [] };
}
