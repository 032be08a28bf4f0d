import { SpecProblem } from '../definition';

/** A mapping of a parsed YAML or JSON document. */
export type SpecObject = Record<string, unknown>;

/** True for a plain mapping (not an array, a date or null). */
export function isSpecObject(value: unknown): value is SpecObject {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date)
  );
}

/**
 * Extends a problem path: `spec` + `objectives` is `spec.objectives`, + `0` is
 * `spec.objectives[0]`; keys that are not identifiers are bracketed and quoted,
 * `metadata.annotations["sre-catalog.io/slo-format"]`.
 */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (!/^[A-Za-z_$][\w$]*$/.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path ? `${path}.${key}` : key;
}

/** A value the way a message shows it: strings quoted, long values cut short. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value instanceof Date) {
    // toISOString throws a RangeError on an invalid date.
    return Number.isNaN(value.getTime())
      ? 'an invalid date'
      : value.toISOString();
  }
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  text = text ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (isSpecObject(value)) return 'a mapping';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** Options of the typed reads. */
export type ReadOptions = {
  /** Record "is required" when the field is missing (or null). */
  required?: boolean;
};

/**
 * Reads fields of parsed documents and records one problem per wrong field, so a
 * validator can go on and report every problem of a document in one pass. Every
 * read returns undefined when the field is missing or of the wrong type.
 */
export class SpecReader {
  readonly problems: SpecProblem[] = [];

  problem(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  /**
   * Whether a document, or an item of a list, is a mapping; if not, records at
   * `path` the problem that it must be `expected` (such as "a Sloth document must
   * be a mapping with ...").
   */
  isMapping(
    value: unknown,
    path: string,
    expected: string,
  ): value is SpecObject {
    if (isSpecObject(value)) return true;
    this.problem(path, `${expected}, not ${showValue(value)}`);
    return false;
  }

  /** Reads any value, recording "is required" when it is missing. */
  value(
    parent: SpecObject | undefined,
    path: string,
    key: string,
    options: ReadOptions = {},
  ): unknown {
    const value = parent?.[key];
    if (value === undefined || value === null) {
      if (options.required && parent) {
        this.problem(childPath(path, key), `${key} is required`);
      }
      return undefined;
    }
    return value;
  }

  object(
    parent: SpecObject | undefined,
    path: string,
    key: string,
    options: ReadOptions = {},
  ): SpecObject | undefined {
    const value = this.value(parent, path, key, options);
    if (value === undefined || isSpecObject(value)) return value;
    this.typeProblem(path, key, 'a mapping', value);
    return undefined;
  }

  list(
    parent: SpecObject | undefined,
    path: string,
    key: string,
    options: ReadOptions = {},
  ): unknown[] | undefined {
    const value = this.value(parent, path, key, options);
    if (value === undefined || Array.isArray(value)) return value;
    this.typeProblem(path, key, 'a list', value);
    return undefined;
  }

  /** Reads a string; a blank one counts as missing. */
  string(
    parent: SpecObject | undefined,
    path: string,
    key: string,
    options: ReadOptions & { maxLength?: number } = {},
  ): string | undefined {
    const value = this.value(parent, path, key, options);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      this.typeProblem(path, key, 'a string', value);
      return undefined;
    }
    if (!value.trim()) {
      if (options.required) {
        this.problem(childPath(path, key), `${key} must not be empty`);
      }
      return undefined;
    }
    if (options.maxLength !== undefined && value.length > options.maxLength) {
      this.problem(
        childPath(path, key),
        `${key} is ${value.length} characters long; at most ${options.maxLength} are allowed`,
      );
      return undefined;
    }
    return value;
  }

  /** Reads a finite number. */
  number(
    parent: SpecObject | undefined,
    path: string,
    key: string,
    options: ReadOptions = {},
  ): number | undefined {
    const value = this.value(parent, path, key, options);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.typeProblem(path, key, 'a number', value);
      return undefined;
    }
    return value;
  }

  boolean(
    parent: SpecObject | undefined,
    path: string,
    key: string,
    options: ReadOptions = {},
  ): boolean | undefined {
    const value = this.value(parent, path, key, options);
    if (value === undefined || typeof value === 'boolean') return value;
    this.typeProblem(path, key, 'true or false', value);
    return undefined;
  }

  /** Reads a string that must be one of `allowed` (exact spelling). */
  oneOf<T extends string>(
    parent: SpecObject | undefined,
    path: string,
    key: string,
    allowed: readonly T[],
    options: ReadOptions = {},
  ): T | undefined {
    const value = this.string(parent, path, key, options);
    if (value === undefined) return undefined;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problem(
      childPath(path, key),
      `${key} ${showValue(value)} is not one of ${allowed.join(', ')}`,
    );
    return undefined;
  }

  /** Checks a required field that has one fixed value, like `apiVersion` or `kind`. */
  constant(
    parent: SpecObject | undefined,
    path: string,
    key: string,
    expected: string,
  ): boolean {
    const value = this.string(parent, path, key, { required: true });
    if (value === undefined) return false;
    if (value === expected) return true;
    this.problem(
      childPath(path, key),
      `${key} ${showValue(value)} is not ${expected}`,
    );
    return false;
  }

  /** Reads a mapping of strings to strings, such as labels or annotations. */
  stringMap(
    parent: SpecObject | undefined,
    path: string,
    key: string,
  ): Record<string, string> | undefined {
    const value = this.object(parent, path, key);
    if (!value) return undefined;
    const result: Record<string, string> = {};
    for (const [name, item] of Object.entries(value)) {
      if (typeof item === 'string') result[name] = item;
      else this.typeProblem(childPath(path, key), name, 'a string', item);
    }
    return result;
  }

  private typeProblem(
    path: string,
    key: string,
    expected: string,
    value: unknown,
  ): void {
    this.problem(
      childPath(path, key),
      `${key} must be ${expected}, not ${typeName(value)} (${showValue(
        value,
      )})`,
    );
  }
}
