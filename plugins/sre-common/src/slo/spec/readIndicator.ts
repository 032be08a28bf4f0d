import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import { SliQuery, SliSource, SloDefinition } from '../definition';
import {
  childPath,
  isSpecObject,
  showValue,
  SpecObject,
  SpecReader,
} from './SpecReader';

/** @public The metric source types an SLI can use, as written in OpenSLO. */
export const SUPPORTED_METRIC_SOURCES = ['builtin', 'Prometheus'] as const;

/** The longest PromQL query accepted, in characters. */
export const MAX_QUERY_LENGTH = 10_000;

const SIDES = ['good', 'bad', 'total'] as const;
type Side = (typeof SIDES)[number];

/** One side of a ratioMetric, read. */
type MetricSide = {
  side: Side;
  /** As written, for messages. */
  typeText: string;
  type: 'builtin' | 'prometheus';
  sourceName?: string;
  query?: SliQuery;
};

/** Options of {@link readIndicator}. */
export type ReadIndicatorOptions = {
  /**
   * A stand-alone SLI document (`apiVersion: openslo/v1`, `kind: SLI`) rather than
   * an SLO's inline `spec.indicator`.
   */
  document: boolean;
  /** DataSource documents by name, to find the type of a `metricSourceRef`. */
  dataSources?: Record<string, unknown>;
};

/** Checks an entity-style name and records why it is not one. */
export function checkEntityName(
  reader: SpecReader,
  name: string | undefined,
  path: string,
): boolean {
  if (name === undefined) return false;
  if (KubernetesValidatorFunctions.isValidObjectName(name)) return true;
  reader.problem(
    path,
    `name ${showValue(
      name,
    )} is not a valid entity name: 1 to 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit`,
  );
  return false;
}

function readMetricSide(
  reader: SpecReader,
  ratio: SpecObject,
  ratioPath: string,
  side: Side,
  dataSources: Record<string, unknown> | undefined,
): MetricSide | undefined {
  const sidePath = childPath(ratioPath, side);
  const sideObject = reader.object(ratio, ratioPath, side, { required: true });
  const source = reader.object(sideObject, sidePath, 'metricSource', {
    required: true,
  });
  if (!source) return undefined;
  const sourcePath = childPath(sidePath, 'metricSource');
  const sourceName = reader.string(source, sourcePath, 'metricSourceRef');
  const dataSource = sourceName ? dataSources?.[sourceName] : undefined;
  const dataSourceSpec = isSpecObject(dataSource) ? dataSource.spec : undefined;
  const dataSourceType =
    isSpecObject(dataSourceSpec) && typeof dataSourceSpec.type === 'string'
      ? dataSourceSpec.type
      : undefined;

  const typeGiven = source.type !== undefined && source.type !== null;
  let typeText = reader.string(source, sourcePath, 'type', {
    required: typeGiven,
  });
  if (!typeGiven) {
    typeText = dataSourceType;
    if (typeText === undefined) {
      reader.problem(
        childPath(sourcePath, 'type'),
        `type is required (one of ${SUPPORTED_METRIC_SOURCES.join(
          ', ',
        )}), unless metricSourceRef names a DataSource that has one`,
      );
    }
  } else if (
    typeText !== undefined &&
    dataSourceType !== undefined &&
    typeText.toLowerCase() !== dataSourceType.toLowerCase()
  ) {
    reader.problem(
      childPath(sourcePath, 'type'),
      `type ${showValue(typeText)} differs from the type ${showValue(
        dataSourceType,
      )} of DataSource ${showValue(sourceName)}`,
    );
    return undefined;
  }
  if (typeText === undefined) return undefined;

  const type = typeText.toLowerCase();
  if (type === 'builtin') {
    return { side, typeText, type: 'builtin' };
  }
  if (type === 'prometheus') {
    const spec = reader.object(source, sourcePath, 'spec', { required: true });
    const query = reader.string(spec, childPath(sourcePath, 'spec'), 'query', {
      required: true,
      maxLength: MAX_QUERY_LENGTH,
    });
    if (query === undefined) return undefined;
    return {
      side,
      typeText,
      type: 'prometheus',
      sourceName,
      query: { query: query.trim() },
    };
  }
  reader.problem(
    childPath(sourcePath, 'type'),
    `metric source type ${showValue(
      typeText,
    )} is not supported; supported types are ${SUPPORTED_METRIC_SOURCES.join(
      ', ',
    )}`,
  );
  return undefined;
}

function readRatioMetric(
  reader: SpecReader,
  ratio: SpecObject,
  path: string,
  dataSources: Record<string, unknown> | undefined,
): SliSource | undefined {
  const before = reader.problems.length;
  if (ratio.raw !== undefined || ratio.rawType !== undefined) {
    reader.problem(
      childPath(path, ratio.raw !== undefined ? 'raw' : 'rawType'),
      'raw ratio metrics are not supported yet; use good or bad with total',
    );
  }
  const given = SIDES.filter(
    side => ratio[side] !== undefined && ratio[side] !== null,
  );
  if (!given.includes('total')) {
    reader.problem(childPath(path, 'total'), 'total is required');
  }
  if (given.includes('good') && given.includes('bad')) {
    reader.problem(path, 'give good or bad with total, not both');
  } else if (!given.includes('good') && !given.includes('bad')) {
    reader.problem(path, 'good or bad is required, with total');
  }

  const sides = given
    .map(side => readMetricSide(reader, ratio, path, side, dataSources))
    .filter((side): side is MetricSide => side !== undefined);

  const first = sides[0];
  const otherType = sides.find(side => side.type !== first?.type);
  if (first && otherType) {
    reader.problem(
      path,
      `good, bad and total must use the same metric source type; got ${first.typeText} (${first.side}) and ${otherType.typeText} (${otherType.side})`,
    );
  }
  if (first?.type === 'prometheus') {
    const otherSource = sides.find(
      side => side.sourceName !== first.sourceName,
    );
    if (otherSource) {
      reader.problem(
        path,
        `metricSourceRef must be the same on every side; got ${showValue(
          first.sourceName ?? null,
        )} (${first.side}) and ${showValue(otherSource.sourceName ?? null)} (${
          otherSource.side
        })`,
      );
    }
  }
  let counter: boolean | undefined;
  if (first?.type === 'prometheus') {
    if (ratio.counter === undefined || ratio.counter === null) {
      reader.problem(
        childPath(path, 'counter'),
        'counter is required: true when the queries return monotonically increasing counters, false when they return gauges',
      );
    } else {
      counter = reader.boolean(ratio, path, 'counter');
    }
  }

  if (reader.problems.length > before || !first) return undefined;
  if (first.type === 'builtin') return { type: 'builtin' };
  const source: Extract<SliSource, { type: 'prometheus' }> = {
    type: 'prometheus',
    counter: counter ?? false,
  };
  if (first.sourceName) source.sourceName = first.sourceName;
  for (const side of sides) source[side.side] = side.query;
  return source;
}

/**
 * Reads an SLI: an SLO's inline `spec.indicator` (`metadata.name` and `spec`) or a
 * stand-alone OpenSLO SLI document. Only `ratioMetric` with builtin or Prometheus
 * sources is supported; every other shape is recorded as a problem.
 */
export function readIndicator(
  reader: SpecReader,
  indicator: unknown,
  path: string,
  options: ReadIndicatorOptions,
): SloDefinition['indicator'] | undefined {
  if (
    !reader.isMapping(
      indicator,
      path,
      'an SLI must be a mapping with metadata.name and spec',
    )
  ) {
    return undefined;
  }
  const before = reader.problems.length;
  if (options.document) {
    reader.constant(indicator, path, 'apiVersion', 'openslo/v1');
    reader.constant(indicator, path, 'kind', 'SLI');
  }
  const metadata = reader.object(indicator, path, 'metadata', {
    required: true,
  });
  const metadataPath = childPath(path, 'metadata');
  const name = reader.string(metadata, metadataPath, 'name', {
    required: true,
  });
  checkEntityName(reader, name, childPath(metadataPath, 'name'));

  const spec = reader.object(indicator, path, 'spec', { required: true });
  const specPath = childPath(path, 'spec');
  reader.string(spec, specPath, 'description', { maxLength: 1050 });
  let source: SliSource | undefined;
  if (spec?.thresholdMetric !== undefined) {
    reader.problem(
      childPath(specPath, 'thresholdMetric'),
      'thresholdMetric SLIs are not supported yet; use ratioMetric',
    );
  } else {
    const ratio = reader.object(spec, specPath, 'ratioMetric', {
      required: true,
    });
    if (ratio) {
      source = readRatioMetric(
        reader,
        ratio,
        childPath(specPath, 'ratioMetric'),
        options.dataSources,
      );
    }
  }
  if (reader.problems.length > before || !source) return undefined;
  return { name, source };
}
