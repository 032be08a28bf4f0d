import { formatWindow, parseSloDuration } from '../durations';
import { HOURLY_RETENTION_MS } from '../storageLimits';
import { ANNOTATION_SLO_FORMAT, ANNOTATION_SLO_SERVICE } from './annotations';
import { buildSloEntity, toEntityName } from './buildSloEntity';
import { ConvertSloDocumentResult } from './convertSloth';
import { MAX_QUERY_LENGTH } from './readIndicator';
import { childPath, showValue, SpecObject, SpecReader } from './SpecReader';

/** @public */
export type ConvertPyrraOptions = {
  /** Catalog namespace when the document has no `metadata.namespace`; `default` otherwise. */
  namespace?: string;
};

/** Prometheus duration units, as Pyrra's `spec.window` uses them (`y` is 365 days). */
const PROMETHEUS_UNITS_MS: Record<string, number> = {
  y: 365 * 86_400_000,
  w: 7 * 86_400_000,
  d: 86_400_000,
  h: 3_600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
};
const PROMETHEUS_DURATION = /^(?:\d+(?:ms|[ywdhms]))+$/;

/** A PromQL vector selector: `metric{label="value"}`, `metric` or `{__name__="metric"}`. */
const VECTOR_SELECTOR =
  /^(?:[a-zA-Z_:][a-zA-Z0-9_:]*\s*(?:\{[^{}]*\})?|\{[^{}]*\})$/;

/** Indicator kinds of Pyrra that the suite cannot evaluate yet. */
const UNSUPPORTED_INDICATORS = ['latency', 'latencyNative', 'bool_gauge'];

/** Where a Pyrra SLO may name its service, first found wins. */
const SERVICE_SOURCES: Array<{ from: 'annotations' | 'labels'; key: string }> =
  [
    { from: 'annotations', key: ANNOTATION_SLO_SERVICE },
    { from: 'labels', key: 'service' },
    { from: 'labels', key: 'app.kubernetes.io/name' },
  ];

/**
 * A Prometheus duration (`28d`, `4w`, `1h30m`) as an OpenSLO one: kept as written
 * when it is a single fixed unit, otherwise re-expressed (`1y` -> `365d`).
 */
export function toSloWindow(window: string): string | undefined {
  const text = window.trim();
  if (!PROMETHEUS_DURATION.test(text)) return undefined;
  // Only windows OpenSLO accepts (e.g. at most six digits), so that a too long
  // window is reported on Pyrra's own field, spec.window.
  const accepted = (w: string) => (parseSloDuration(w) ? w : undefined);
  if (/^[1-9]\d*[wdhms]$/.test(text)) return accepted(text);
  let ms = 0;
  for (const [, count, unit] of text.matchAll(/(\d+)(ms|[ywdhms])/g)) {
    ms += Number(count) * PROMETHEUS_UNITS_MS[unit];
  }
  if (ms <= 0 || ms % 1000 !== 0) return undefined;
  return accepted(formatWindow(ms));
}

/** `"99.5"` (Pyrra writes it as a string) or a number. */
function readTarget(
  reader: SpecReader,
  spec: SpecObject | undefined,
): number | undefined {
  const raw = reader.value(spec, 'spec', 'target', { required: true });
  if (raw === undefined) return undefined;
  let target: number | undefined;
  if (typeof raw === 'number') target = raw;
  else if (typeof raw === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(raw)) {
    target = Number(raw);
  }
  if (target === undefined || !Number.isFinite(target)) {
    reader.problem(
      'spec.target',
      `target ${showValue(raw)} is not a percentage such as "99.5"`,
    );
    return undefined;
  }
  if (!(target > 0 && target < 100)) {
    reader.problem(
      'spec.target',
      `target ${showValue(
        raw,
      )} is outside (0, 100); it is a percentage such as "99.5"`,
    );
    return undefined;
  }
  return target;
}

function readSelector(
  reader: SpecReader,
  ratio: SpecObject,
  path: string,
  key: 'errors' | 'total',
): string | undefined {
  const query = reader.object(ratio, path, key, { required: true });
  const metricPath = childPath(path, key);
  const metric = reader.string(query, metricPath, 'metric', {
    required: true,
    maxLength: MAX_QUERY_LENGTH,
  });
  if (metric === undefined) return undefined;
  if (!VECTOR_SELECTOR.test(metric.trim())) {
    reader.problem(
      childPath(metricPath, 'metric'),
      `metric ${showValue(
        metric,
      )} is not a selector of a counter such as http_requests_total{job="api",code=~"5.."}`,
    );
    return undefined;
  }
  return metric.trim();
}

/**
 * Converts a Pyrra `pyrra.dev/v1alpha1` ServiceLevelObjective into an OpenSLO SLO
 * entity (annotated `sre-catalog.io/slo-format: pyrra`) for
 * {@link validateOpenSloSlo}: Occurrences (Pyrra's SLI is a ratio of sums) over its
 * rolling window, with an inline Prometheus ratio SLI of the `errors` counter (bad)
 * over the `total` counter. Only ratio indicators without grouping are supported.
 *
 * @public
 */
export function convertPyrra(
  doc: unknown,
  options: ConvertPyrraOptions = {},
): ConvertSloDocumentResult {
  const reader = new SpecReader();
  if (
    !reader.isMapping(
      doc,
      '',
      'a Pyrra document must be a ServiceLevelObjective mapping',
    )
  ) {
    return { entities: [], problems: reader.problems };
  }
  reader.constant(doc, '', 'apiVersion', 'pyrra.dev/v1alpha1');
  reader.constant(doc, '', 'kind', 'ServiceLevelObjective');
  const metadata = reader.object(doc, '', 'metadata', { required: true });
  const name = reader.string(metadata, 'metadata', 'name', { required: true });
  const entityName = name === undefined ? undefined : toEntityName(name);
  if (name !== undefined && !entityName) {
    reader.problem(
      'metadata.name',
      `name ${showValue(name)} gives no valid entity name`,
    );
  }
  const namespace =
    reader.string(metadata, 'metadata', 'namespace') ??
    options.namespace ??
    'default';
  const labels = reader.stringMap(metadata, 'metadata', 'labels');
  const annotations = reader.stringMap(metadata, 'metadata', 'annotations');

  const found = { annotations, labels };
  const service = SERVICE_SOURCES.map(({ from, key }) =>
    found[from]?.[key]?.trim(),
  ).find(Boolean);
  if (metadata && !service) {
    reader.problem(
      childPath('metadata.annotations', ANNOTATION_SLO_SERVICE),
      `Pyrra SLOs must name their service: add the annotation ${ANNOTATION_SLO_SERVICE}`,
    );
  }

  const spec = reader.object(doc, '', 'spec', { required: true });
  const target = readTarget(reader, spec);
  const windowText = reader.string(spec, 'spec', 'window', { required: true });
  const window = windowText === undefined ? undefined : toSloWindow(windowText);
  if (windowText !== undefined && !window) {
    reader.problem(
      'spec.window',
      `window ${showValue(windowText)} is not a duration such as 28d or 4w`,
    );
  }
  const windowDuration = window ? parseSloDuration(window) : undefined;
  if (
    windowDuration?.kind === 'fixed' &&
    windowDuration.ms > HOURLY_RETENTION_MS
  ) {
    const limitDays = HOURLY_RETENTION_MS / 86_400_000;
    reader.problem(
      'spec.window',
      `window ${showValue(
        windowText,
      )} is longer than the ${limitDays} days hourly rollups are kept for; use at most ${limitDays}d`,
    );
  }
  const description = reader.string(spec, 'spec', 'description', {
    maxLength: 1050,
  });

  const indicator = reader.object(spec, 'spec', 'indicator', {
    required: true,
  });
  let errors: string | undefined;
  let total: string | undefined;
  for (const kind of UNSUPPORTED_INDICATORS) {
    if (indicator?.[kind] !== undefined) {
      reader.problem(
        childPath('spec.indicator', kind),
        `${kind} indicators are not supported yet; use ratio`,
      );
    }
  }
  const ratio = reader.object(indicator, 'spec.indicator', 'ratio');
  if (ratio) {
    const ratioPath = 'spec.indicator.ratio';
    errors = readSelector(reader, ratio, ratioPath, 'errors');
    total = readSelector(reader, ratio, ratioPath, 'total');
    const grouping = reader.list(ratio, ratioPath, 'grouping');
    if (grouping && grouping.length > 0) {
      reader.problem(
        childPath(ratioPath, 'grouping'),
        'grouping is not supported yet: it makes one SLO per group; write one SLO per group with its own selectors',
      );
    }
  } else if (
    indicator &&
    !UNSUPPORTED_INDICATORS.some(kind => indicator[kind] !== undefined)
  ) {
    reader.problem(
      'spec.indicator',
      'indicator needs ratio with errors.metric and total.metric',
    );
  }

  if (
    reader.problems.length > 0 ||
    !entityName ||
    !service ||
    target === undefined ||
    !window ||
    !errors ||
    !total
  ) {
    return { entities: [], problems: reader.problems };
  }
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(annotations ?? {})) {
    if (key.startsWith('sre-catalog.io/') && key !== ANNOTATION_SLO_FORMAT) {
      kept[key] = value;
    }
  }
  const entity = buildSloEntity({
    name: entityName,
    namespace,
    format: 'pyrra',
    service,
    description,
    labels,
    annotations: kept,
    window,
    targetPercent: target,
    budgetingMethod: 'Occurrences',
    indicatorName: entityName,
    badQuery: errors,
    totalQuery: total,
  });
  return { entities: [entity], problems: [] };
}
