import {
  SloDefinition,
  SliSource,
} from '@sre-catalog/backstage-plugin-sre-common';
import { checkSelfContained } from './checkSelfContained';

/** A side of an SLI ratio. */
export type SliSide = 'good' | 'bad' | 'total';

/** The label that names the SLO of each series of a window query. */
export const SLO_LABEL = 'sre_slo';
/** The label that names the side (`good`, `bad` or `total`) of each series. */
export const SIDE_LABEL = 'sre_side';
/**
 * The label that carries the nonce of each part of a query (one SLO's side): a
 * random value, new for every part of every query, that only the wrapper of that
 * part writes. A series with another value (or none) did not come out of the
 * wrapper of the SLO and side it names (see `attributeSamples`).
 */
export const NONCE_LABEL = 'sre_nonce';

/** The nonce of each part of a query, by SLO ref and side. */
export type PartNonces = ReadonlyMap<string, Partial<Record<SliSide, string>>>;

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

/** The fields of a window query of an SLO that reads Prometheus. */
export function windowQuerySloOf(slo: SloDefinition): WindowQuerySlo {
  return {
    ref: slo.ref,
    source: slo.indicator.source as PrometheusSliSourceSpec,
  };
}

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

/**
 * Why a side query of an SLO cannot be sent in a batch with other SLOs, or
 * undefined when it can: it must be one self-contained expression (see
 * {@link checkSelfContained}), or it could close the wrapper that labels its
 * series and write series labelled as another SLO.
 */
export function checkSideQueries(
  ref: string,
  source: PrometheusSliSourceSpec,
): string | undefined {
  for (const side of sidesOf(source)) {
    // `{{.window}}` is balanced, and what replaces it has no brackets.
    const problem = checkSelfContained(source[side]!.query);
    if (problem) {
      return `The ${side} query of ${ref} is not one self-contained PromQL expression: ${problem}. It is not sent: in the batch query of its source it could pass for another SLO's series`;
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

/** `query`, when it cannot close what it is embedded in; throws otherwise. */
function selfContained(query: string): string {
  const problem = checkSelfContained(query);
  if (problem) {
    throw new Error(
      `a query must be one self-contained expression: ${problem}`,
    );
  }
  return query;
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
    const expression = selfContained(
      trimmed.replace(WINDOW_PLACEHOLDER, range),
    );
    // A trailing `# comment` must not swallow the closing parenthesis.
    const end = expression.includes('#') ? '\n' : '';
    return `sum(${expression}${end}) * ${windowSeconds}`;
  }
  if (!counter) {
    throw new Error(
      'a query that is not a counter must give its range as {{.window}}',
    );
  }
  return `sum(increase(${selfContained(trimmed)}[${range}]))`;
}

/**
 * One instant query that gives, for every SLO, the events of both its sides over
 * the window of `windowSeconds` ending at the query time, each series labelled with
 * {@link SLO_LABEL} (the SLO ref), {@link SIDE_LABEL} and {@link NONCE_LABEL}
 * (its part's nonce of `nonces`, which must be new and random). The SLOs must pass
 * {@link checkPrometheusSlo} and {@link checkSideQueries}. A side without series
 * (e.g. no 5xx yet) is absent from the answer. The parts are joined with `or`.
 */
export function buildWindowQuery(
  slos: WindowQuerySlo[],
  windowSeconds: number,
  nonces: PartNonces,
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
      // `sum` leaves one series without labels; these are all it ends up with.
      const labelled = [
        [SLO_LABEL, slo.ref],
        [SIDE_LABEL, side],
        [NONCE_LABEL, nonceOf(nonces, slo.ref, side)],
      ].reduce(
        (inner, [label, value]) =>
          `label_replace(${inner}, "${label}", ${promReplacementString(
            value,
          )}, "", "")`,
        expression,
      );
      parts.push(labelled);
    }
  }
  if (!parts.length) throw new Error('no SLOs to query');
  return unionOf(parts);
}

function nonceOf(nonces: PartNonces, ref: string, side: SliSide): string {
  const nonce = nonces.get(ref)?.[side];
  if (!nonce) throw new Error(`no nonce for the ${side} side of ${ref}`);
  return nonce;
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
