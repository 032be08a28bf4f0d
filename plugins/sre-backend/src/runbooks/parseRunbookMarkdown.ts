import { parse as parseYaml } from 'yaml';

/** What one runbook file says about itself, and its body. */
export type ParsedRunbookMarkdown = {
  /** From the front matter, else the first `# heading`; undefined when neither. */
  title?: string;
  /** Alert names as the front matter lists them, trimmed, without duplicates. */
  alerts: string[];
  /** `YYYY-MM-DD`, or null when the front matter gives no usable date. */
  lastReviewed: string | null;
  /** The Markdown after the front matter. */
  markdown: string;
  /** What is wrong with the front matter, one sentence each. */
  problems: string[];
};

const MAX_ALERTS = 100;
const MAX_TITLE_LENGTH = 200;
const DAY_MS = 86_400_000;

const OPENING = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;
const DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const MISSPELT_REVIEWED = ['lastReviewed', 'last_reviewed', 'reviewed'];

const isBlank = (c: string | undefined) => c === ' ' || c === '\t';

/**
 * The text of the first level-1 ATX heading (`# Title`, `# Title #`), as CommonMark
 * reads it: a closing run of `#` counts only after a space. Scanned by hand, in
 * linear time: a regular expression for it backtracks quadratically on a long run
 * of spaces, and a runbook file may be 256 KiB of anyone's text.
 */
function firstHeading(markdown: string): string | undefined {
  for (const line of markdown.split('\n')) {
    if (line[0] !== '#' || !isBlank(line[1])) continue;
    let end = line.length;
    if (line[end - 1] === '\r') end--;
    while (end > 1 && isBlank(line[end - 1])) end--;
    let hashes = end;
    while (hashes > 1 && line[hashes - 1] === '#') hashes--;
    if (hashes < end && isBlank(line[hashes - 1])) end = hashes;
    const title = line.slice(2, end).trim();
    if (title) return title;
  }
  return undefined;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** Splits `---\n<yaml>\n---\n<body>`; no front matter when the text does not open with `---`. */
function splitFrontMatter(text: string): {
  yaml?: string;
  body: string;
  problem?: string;
} {
  const opening = OPENING.exec(text);
  if (!opening) return { body: text.replace(/^\uFEFF/, '') };
  const rest = text.slice(opening[0].length);
  // An empty front matter closes on the very next line.
  const closing = CLOSING.exec(rest);
  if (!closing) {
    return {
      body: rest,
      problem:
        'the front matter opened with --- on the first line is never closed with a --- line',
    };
  }
  return {
    yaml: rest.slice(0, closing.index),
    body: rest.slice(closing.index + closing[0].length),
  };
}

function readYaml(yaml: string): {
  data?: Record<string, unknown>;
  problem?: string;
} {
  let data: unknown;
  try {
    data = parseYaml(yaml, { uniqueKeys: true, maxAliasCount: 50 });
  } catch (error) {
    const message = String((error as Error).message).split('\n')[0];
    const linePos = (error as { linePos?: { line: number; col: number }[] })
      .linePos;
    // Line numbers of the file: the opening --- is line 1.
    const where = linePos?.[0]
      ? ` (line ${linePos[0].line + 1}, column ${linePos[0].col})`
      : '';
    return {
      problem: `the front matter is not valid YAML${where}: ${message.replace(
        / at line \d+, column \d+:?$/,
        '',
      )}`,
    };
  }
  if (data === null || data === undefined) return { data: {} };
  if (typeof data !== 'object' || Array.isArray(data)) {
    return {
      problem: `the front matter must be a YAML mapping with title, alerts and last-reviewed, not ${describeValue(
        data,
      )}`,
    };
  }
  return { data: data as Record<string, unknown> };
}

function readTitle(value: unknown, problems: string[]): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string' || !value.trim()) {
    problems.push(`title must be text, not ${describeValue(value)}`);
    return undefined;
  }
  return value.trim().slice(0, MAX_TITLE_LENGTH);
}

function readAlerts(value: unknown, problems: string[]): string[] {
  if (value === undefined || value === null) return [];
  const items = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(items)) {
    problems.push(
      `alerts must be a list of alert names such as checkout-api-availability:page, not ${describeValue(
        value,
      )}`,
    );
    return [];
  }
  const alerts: string[] = [];
  items.forEach((item, index) => {
    if (typeof item !== 'string' || !item.trim()) {
      problems.push(
        `alerts[${index}] must be an alert name, not ${describeValue(item)}`,
      );
      return;
    }
    const name = item.trim();
    const seen = alerts.some(
      a => a.toLocaleLowerCase('en-US') === name.toLocaleLowerCase('en-US'),
    );
    if (!seen) alerts.push(name);
  });
  if (alerts.length > MAX_ALERTS) {
    problems.push(
      `alerts lists ${alerts.length} alerts; only the first ${MAX_ALERTS} are used`,
    );
    return alerts.slice(0, MAX_ALERTS);
  }
  return alerts;
}

function readLastReviewed(
  value: unknown,
  nowMs: number,
  problems: string[],
): string | null {
  if (value === undefined || value === null) return null;
  let date: string | undefined;
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    date = value.toISOString().slice(0, 10);
  } else if (typeof value === 'string') {
    const match = DATE.exec(value.trim());
    const ms = match ? Date.parse(`${match[1]}-${match[2]}-${match[3]}`) : NaN;
    // Date.parse rolls 2026-02-30 over to March; the round trip catches it.
    if (
      match &&
      !Number.isNaN(ms) &&
      new Date(ms)
        .toISOString()
        .startsWith(`${match[1]}-${match[2]}-${match[3]}`)
    ) {
      date = `${match[1]}-${match[2]}-${match[3]}`;
    }
  }
  if (!date) {
    problems.push(
      `last-reviewed must be a date such as 2026-01-31, not ${describeValue(
        value,
      )}; the runbook counts as never reviewed`,
    );
    return null;
  }
  if (Date.parse(date) > nowMs + DAY_MS) {
    problems.push(
      `last-reviewed ${date} is in the future; the runbook counts as never reviewed`,
    );
    return null;
  }
  return date;
}

/**
 * Reads a runbook file: front matter (`---` YAML `---` at the top) with `title`,
 * `alerts` and `last-reviewed`, then the Markdown body. Never throws: bad front
 * matter becomes a problem, and the body is still returned so that the runbook can
 * be read during an incident.
 */
export function parseRunbookMarkdown(
  text: string,
  options: { nowMs: number },
): ParsedRunbookMarkdown {
  const problems: string[] = [];
  const { yaml, body, problem } = splitFrontMatter(text);
  if (problem) problems.push(problem);

  let data: Record<string, unknown> = {};
  if (yaml !== undefined) {
    const read = readYaml(yaml);
    if (read.problem) problems.push(read.problem);
    data = read.data ?? {};
  }

  const markdown = body.replace(/^(?:[ \t]*\r?\n)+/, '');
  const title = readTitle(data.title, problems) ?? firstHeading(markdown);
  const alerts = readAlerts(data.alerts, problems);
  const lastReviewed = readLastReviewed(
    data['last-reviewed'],
    options.nowMs,
    problems,
  );
  if (data['last-reviewed'] === undefined) {
    const misspelt = MISSPELT_REVIEWED.find(key => data[key] !== undefined);
    if (misspelt) {
      problems.push(
        `the review date must be under last-reviewed, not ${misspelt}; the runbook counts as never reviewed`,
      );
    }
  }
  return {
    ...(title ? { title } : {}),
    alerts,
    lastReviewed,
    markdown,
    problems,
  };
}
