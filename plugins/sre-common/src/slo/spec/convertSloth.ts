import { Entity } from '@backstage/catalog-model';
import { SpecProblem } from '../definition';
import { ANNOTATION_RUNBOOK_URL } from './annotations';
import { buildSloEntity, toEntityName } from './buildSloEntity';
import { MAX_QUERY_LENGTH } from './readIndicator';
import { childPath, showValue, SpecObject, SpecReader } from './SpecReader';

/** @public */
export type ConvertSlothOptions = {
  /** Catalog namespace of the SLOs (Sloth documents have none); `default` otherwise. */
  namespace?: string;
  /**
   * How the converted SLOs count their budget. `Occurrences` (the default) is a
   * ratio of sums over the window. Sloth's own 30-day SLI is the mean of its
   * 5-minute ratios, which is `RatioTimeslices` with 5-minute slices: choose that
   * to reproduce Sloth's numbers.
   */
  budgetingMethod?: 'Occurrences' | 'RatioTimeslices';
};

/** @public OpenSLO SLO entities made from another format, or why some could not be. */
export type ConvertSloDocumentResult = {
  /** One entity per SLO of the document that has no problems. */
  entities: Entity[];
  problems: SpecProblem[];
};

/** Sloth's default SLO period. */
const SLOTH_WINDOW = '30d';
/** The resolution of Sloth's SLI recording rules. */
const SLOTH_SLICE = '5m';
const WINDOW_PLACEHOLDER = /\{\{\s*\.window\s*\}\}/;
const RUNBOOK_KEYS = ['runbook_url', 'runbook', 'runbookUrl'];

function readQuery(
  reader: SpecReader,
  events: SpecObject | undefined,
  path: string,
  key: string,
): string | undefined {
  const query = reader.string(events, path, key, {
    required: true,
    maxLength: MAX_QUERY_LENGTH,
  });
  if (query === undefined) return undefined;
  if (!WINDOW_PLACEHOLDER.test(query)) {
    reader.problem(
      childPath(path, key),
      `${key} must use the {{.window}} placeholder as its range, e.g. rate(http_requests_total[{{.window}}])`,
    );
    return undefined;
  }
  return query.trim();
}

/** Runbook URLs of `alerting.annotations` and of the page and ticket alerts. */
function readAlerting(
  reader: SpecReader,
  slo: SpecObject,
  path: string,
): string[] {
  const alerting = reader.object(slo, path, 'alerting');
  const alertingPath = childPath(path, 'alerting');
  reader.string(alerting, alertingPath, 'name');
  reader.stringMap(alerting, alertingPath, 'labels');
  const annotationSets = [
    reader.stringMap(alerting, alertingPath, 'annotations'),
  ];
  for (const key of ['page_alert', 'ticket_alert']) {
    const alert = reader.object(alerting, alertingPath, key);
    const alertPath = childPath(alertingPath, key);
    reader.boolean(alert, alertPath, 'disable');
    reader.stringMap(alert, alertPath, 'labels');
    annotationSets.push(reader.stringMap(alert, alertPath, 'annotations'));
  }
  const urls: string[] = [];
  for (const annotations of annotationSets) {
    for (const key of RUNBOOK_KEYS) {
      const url = annotations?.[key]?.trim();
      if (url && !/\s/.test(url) && !urls.includes(url)) urls.push(url);
    }
  }
  return urls;
}

/**
 * Converts a Sloth `prometheus/v1` document into one OpenSLO SLO entity per SLO
 * (annotated `sre-catalog.io/slo-format: sloth`), for {@link validateOpenSloSlo}.
 * Each entity is named `<service>-<slo name>`, has Sloth's 30-day rolling window and
 * an inline Prometheus ratio SLI of `error_query` (bad) over `total_query` (total),
 * both kept with their `{{.window}}` placeholder. An SLO with problems is left out
 * and its problems reported; the others are still converted.
 *
 * @public
 */
export function convertSloth(
  doc: unknown,
  options: ConvertSlothOptions = {},
): ConvertSloDocumentResult {
  const reader = new SpecReader();
  const entities: Entity[] = [];
  if (
    !reader.isMapping(
      doc,
      '',
      'a Sloth document must be a mapping with version, service and slos',
    )
  ) {
    return { entities, problems: reader.problems };
  }
  reader.constant(doc, '', 'version', 'prometheus/v1');
  const service = reader.string(doc, '', 'service', { required: true });
  const labels = reader.stringMap(doc, '', 'labels');
  const slos = reader.list(doc, '', 'slos', { required: true });
  if (slos?.length === 0) {
    reader.problem('slos', 'slos must list at least one SLO');
  }
  const documentValid = reader.problems.length === 0;
  const namespace = options.namespace ?? 'default';
  const budgetingMethod = options.budgetingMethod ?? 'Occurrences';
  const usedNames = new Map<string, number>();

  (slos ?? []).forEach((slo, index) => {
    const path = childPath('slos', index);
    const before = reader.problems.length;
    if (
      !reader.isMapping(
        slo,
        path,
        'an SLO must be a mapping with name, objective and sli',
      )
    ) {
      return;
    }
    const name = reader.string(slo, path, 'name', { required: true });
    const objective = reader.number(slo, path, 'objective', {
      required: true,
    });
    if (objective !== undefined && !(objective > 0 && objective < 100)) {
      reader.problem(
        childPath(path, 'objective'),
        `objective ${objective} is outside (0, 100); it is a percentage such as 99.9`,
      );
    }
    const description = reader.string(slo, path, 'description', {
      maxLength: 1050,
    });
    const sloLabels = reader.stringMap(slo, path, 'labels');

    const sli = reader.object(slo, path, 'sli', { required: true });
    const sliPath = childPath(path, 'sli');
    if (sli?.raw !== undefined) {
      reader.problem(
        childPath(sliPath, 'raw'),
        'raw error ratio SLIs are not supported yet; use events',
      );
    }
    if (sli?.plugin !== undefined) {
      reader.problem(
        childPath(sliPath, 'plugin'),
        'SLI plugins are not supported yet; use events',
      );
    }
    let errorQuery: string | undefined;
    let totalQuery: string | undefined;
    if (sli && sli.events !== undefined) {
      const events = reader.object(sli, sliPath, 'events');
      const eventsPath = childPath(sliPath, 'events');
      errorQuery = readQuery(reader, events, eventsPath, 'error_query');
      totalQuery = readQuery(reader, events, eventsPath, 'total_query');
    } else if (sli && sli.raw === undefined && sli.plugin === undefined) {
      reader.problem(
        sliPath,
        'sli needs events with error_query and total_query',
      );
    }
    const runbookUrls = readAlerting(reader, slo, path);

    const entityName =
      service && name ? toEntityName(`${service}-${name}`) : undefined;
    if (service && name && !entityName) {
      reader.problem(
        childPath(path, 'name'),
        `name ${showValue(
          name,
        )} gives no valid entity name with service ${showValue(service)}`,
      );
    } else if (entityName && usedNames.has(entityName.toLowerCase())) {
      reader.problem(
        childPath(path, 'name'),
        `name ${showValue(
          name,
        )} gives the entity name ${entityName}, which slos[${usedNames.get(
          entityName.toLowerCase(),
        )}] already has`,
      );
    } else if (entityName) {
      usedNames.set(entityName.toLowerCase(), index);
    }

    if (
      !documentValid ||
      reader.problems.length > before ||
      !service ||
      !name ||
      !entityName ||
      objective === undefined ||
      !errorQuery ||
      !totalQuery
    ) {
      return;
    }
    entities.push(
      buildSloEntity({
        name: entityName,
        namespace,
        format: 'sloth',
        service,
        description,
        labels: { ...labels, ...sloLabels },
        annotations:
          runbookUrls.length > 0
            ? { [ANNOTATION_RUNBOOK_URL]: runbookUrls.join(' ') }
            : {},
        window: SLOTH_WINDOW,
        targetPercent: objective,
        budgetingMethod,
        timeSliceWindow:
          budgetingMethod === 'RatioTimeslices' ? SLOTH_SLICE : undefined,
        indicatorName: toEntityName(name) ?? entityName,
        badQuery: errorQuery,
        totalQuery,
      }),
    );
  });
  return { entities, problems: reader.problems };
}
