import {
  SloDefinition,
  SliSource,
} from '@sre-catalog/backstage-plugin-sre-common';

/** The label that names the SLO of each series of a window query. */
export const SLO_LABEL = 'sre_slo';
/** The label that names the side (`good`, `bad` or `total`) of each series. */
export const SIDE_LABEL = 'sre_side';

/** A side of an SLI ratio. */
export type SliSide = 'good' | 'bad' | 'total';

/** The Prometheus SLI source of an SLO. */
export type PrometheusSliSourceSpec = Extract<
  SliSource,
  { type: 'prometheus' }
>;

/** The SLO fields a window query reads. */
export type WindowQuerySlo = {
  ref: string;
  source: PrometheusSliSourceSpec;
};

const SIDES: readonly SliSide[] = ['good', 'bad', 'total'];
/** Sloth's range placeholder, with the spacing Go templates allow. */
const WINDOW_PLACEHOLDER = /\{\{\s*\.window\s*\}\}/g;
/** Label matchers in braces; quoted values may hold braces (\x60 is a backtick). */
const MATCHERS = String.raw`\{(?:[^{}"'\x60]|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\x60[^\x60]*\x60)*\}`;
/** A vector selector: `metric`, `metric{...}` or `{...}`, nothing else. */
const VECTOR_SELECTOR = new RegExp(
  String.raw`^(?:[a-zA-Z_:][a-zA-Z0-9_:]*\s*(?:${MATCHERS})?|${MATCHERS})$`,
);

/** The sides an SLO's source gives (exactly two of good, bad and total). */
export function sidesOf(source: PrometheusSliSourceSpec): SliSide[] {
  return SIDES.filter(side => source[side] !== undefined);
}

function hasPlaceholder(query: string): boolean {
  return new RegExp(WINDOW_PLACEHOLDER.source).test(query);
}

/**
 * Why the Prometheus source cannot evaluate an SLO, or undefined when it can:
 * only Occurrences (time slices would need a range query per slice), exactly two
 * sides, and queries whose window sum can be written in PromQL.
 */
export function checkPrometheusSlo(slo: SloDefinition): string | undefined {
  const source = slo.indicator.source;
  if (source.type !== 'prometheus') {
    return `${slo.ref} does not read Prometheus`;
  }
  if (slo.budgetingMethod !== 'Occurrences') {
    return `The Prometheus source evaluates only Occurrences SLOs; ${slo.budgetingMethod} is not supported (use budgetingMethod Occurrences, or push the events to the built-in source)`;
  }
  const sides = sidesOf(source);
  if (sides.length !== 2) {
    return `A Prometheus SLI needs exactly two of good, bad and total; ${
      slo.ref
    } has ${sides.join(', ') || 'none'}`;
  }
  for (const side of sides) {
    const query = source[side]!.query.trim();
    if (hasPlaceholder(query)) continue;
    if (!source.counter) {
      return `The ${side} query of ${slo.ref} is not a counter (counter: false), so it must give its range as {{.window}}, e.g. sum(rate(http_requests_total[{{.window}}]))`;
    }
    if (!VECTOR_SELECTOR.test(query)) {
      return `The ${side} query of ${slo.ref} must be a counter selector such as http_requests_total{code!~"5.."} (it is increased over each window), or an expression with a {{.window}} range`;
    }
  }
  return undefined;
}

/** A PromQL duration of whole seconds in its largest exact unit, e.g. `5m`, `1d`, `90s`. */
export function promDuration(seconds: number): string {
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
  ] as const) {
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

/**
 * A PromQL string literal holding `value` as a `label_replace` replacement: `$`
 * doubled (it starts a group reference there), then quoted.
 */
export function promReplacementString(value: string): string {
  return promString(value.replace(/\$/g, '$$$$'));
}

/** A double-quoted PromQL string literal. */
export function promString(value: string): string {
  return `"${value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')}"`;
}

/**
 * The number of events of one side over the window ending at the query time:
 * - a query with a `{{.window}}` range (Sloth's `sum(rate(x[{{.window}}]))`) gets the
 *   window substituted and is multiplied by its seconds (rate × seconds = increase),
 *   whatever its counter flag says: it already turns the counter into a rate;
 * - a counter selector is increased over the window; `increase` counts across
 *   counter resets (a value lower than the one before starts a new counter).
 * Both are summed into one series.
 */
export function sideExpression(
  query: string,
  counter: boolean,
  windowSeconds: number,
): string {
  const range = promDuration(windowSeconds);
  const trimmed = query.trim();
  if (hasPlaceholder(trimmed)) {
    const expression = trimmed.replace(WINDOW_PLACEHOLDER, range);
    // A trailing `# comment` must not swallow the closing parenthesis.
    const end = expression.includes('#') ? '\n' : '';
    return `sum(${expression}${end}) * ${windowSeconds}`;
  }
  if (!counter) {
    throw new Error(
      'a query that is not a counter must give its range as {{.window}}',
    );
  }
  return `sum(increase(${trimmed}[${range}]))`;
}

/**
 * One instant query that gives, for every SLO, the events of both its sides over
 * the window of `windowSeconds` ending at the query time, each series labelled with
 * {@link SLO_LABEL} (the SLO ref) and {@link SIDE_LABEL}. The SLOs must pass
 * {@link checkPrometheusSlo}. A side without series (e.g. no 5xx yet) is absent
 * from the answer. The parts are joined with `or`.
 */
export function buildWindowQuery(
  slos: WindowQuerySlo[],
  windowSeconds: number,
): string {
  if (!Number.isInteger(windowSeconds) || windowSeconds <= 0) {
    throw new Error(
      `the window must be a whole number of seconds > 0, not ${windowSeconds}`,
    );
  }
  const parts: string[] = [];
  for (const slo of slos) {
    for (const side of sidesOf(slo.source)) {
      const expression = sideExpression(
        slo.source[side]!.query,
        slo.source.counter,
        windowSeconds,
      );
      parts.push(
        `label_replace(label_replace(${expression}, "${SLO_LABEL}", ${promReplacementString(
          slo.ref,
        )}, "", ""), "${SIDE_LABEL}", "${side}", "", "")`,
      );
    }
  }
  if (!parts.length) throw new Error('no SLOs to query');
  return unionOf(parts);
}

/**
 * `a or b or c ...` as a balanced tree, `((a or b) or (c or d))`: Prometheus
 * evaluates a left-deep chain of n `or`s in O(n²) (each step re-indexes the
 * growing left side), a balanced one in O(n log n).
 */
function unionOf(parts: string[]): string {
  if (parts.length === 1) return parts[0];
  const half = Math.ceil(parts.length / 2);
  return `(${unionOf(parts.slice(0, half))} or ${unionOf(parts.slice(half))})`;
}
