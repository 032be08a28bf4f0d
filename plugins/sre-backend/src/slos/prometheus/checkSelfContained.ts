const CLOSER: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const OPENER: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/** `text` cut to a short excerpt around `at`, for an error message. */
function near(text: string, at: number): string {
  const excerpt = text
    .slice(Math.max(0, at - 30), at + 10)
    .replace(/\s+/g, ' ');
  return JSON.stringify(excerpt);
}

/**
 * Why `text` is not one self-contained piece of PromQL, or undefined when it is:
 * every `(`, `[` and `{` closed, in order, by its own `)`, `]` and `}`, and every
 * string closed. It is read as Prometheus' lexer reads it: `"…"` and `'…'` with
 * backslash escapes (and no line break), raw `` `…` ``, and `#` comments to the
 * end of the line (`\r` or `\n`), inside braces too.
 *
 * A query that passes cannot close anything of the text it is embedded in, so in
 * `sum(<query>)` it is that sum's argument and nothing else: it cannot end the
 * wrapper that labels its series and start series of its own, nor reach the
 * other SLOs' parts of a batch query. Where this reading is stricter than
 * Prometheus' (a line break in a quoted string, `[(])`), Prometheus would have
 * refused the query anyway.
 */
export function checkSelfContained(text: string): string | undefined {
  const open: Array<{ char: string; at: number }> = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === '#') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    if (char === '"' || char === "'" || char === '`') {
      const start = i;
      const raw = char === '`';
      i++;
      while (text[i] !== char) {
        // A quoted string ends on its line (an escaped line break included).
        const c = text[i] === '\\' && !raw ? text[i + 1] : text[i];
        if (c === undefined || (!raw && (c === '\n' || c === '\r'))) {
          return `it has a string that is not closed, at ${near(text, start)}`;
        }
        i += text[i] === '\\' && !raw ? 2 : 1;
      }
      i++;
      continue;
    }
    if (CLOSER[char]) {
      open.push({ char, at: i });
    } else if (OPENER[char]) {
      const last = open.pop();
      if (!last) {
        return `its ${JSON.stringify(char)} at ${near(
          text,
          i,
        )} closes more than it opened`;
      }
      if (last.char !== OPENER[char]) {
        return `its ${JSON.stringify(char)} at ${near(
          text,
          i,
        )} does not close its ${JSON.stringify(last.char)}`;
      }
    }
    i++;
  }
  const last = open.pop();
  if (last) {
    return `its ${JSON.stringify(last.char)} at ${near(
      text,
      last.at,
    )} is never closed`;
  }
  return undefined;
}
