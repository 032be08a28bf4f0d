import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import {
  BudgetingMethod,
  NoDataSlicePolicy,
  SloDefinition,
  SloSourceFormat,
  SpecProblem,
} from '../definition';
import {
  ANNOTATION_NO_DATA_SLICES,
  ANNOTATION_RUNBOOK_URL,
  ANNOTATION_SLO_FORMAT,
} from './annotations';
import { readAlertPolicies } from './readAlertPolicies';
import { checkEntityName } from './readIndicator';
import { Objective, readObjective } from './readObjective';
import { readService } from './readService';
import { readSloIndicator } from './readSloIndicator';
import { readSlothRules } from './readSlothRules';
import { readTimeWindow } from './readTimeWindow';
import { childPath, showValue, SpecReader } from './SpecReader';

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

/**
 * Validates one OpenSLO v1 SLO (a catalog entity `apiVersion: openslo/v1`,
 * `kind: SLO`, including Sloth and Pyrra documents converted to that form) and turns it
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
  if (
    !reader.isMapping(
      doc,
      '',
      'an SLO document must be a mapping with apiVersion, kind, metadata and spec',
    )
  ) {
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

  let indicator = readSloIndicator(reader, spec, context);

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
