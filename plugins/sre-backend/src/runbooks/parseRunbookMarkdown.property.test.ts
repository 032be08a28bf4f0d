import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseRunbookMarkdown } from './parseRunbookMarkdown';
import { DEFAULT_RUNBOOK_READ_LIMITS } from './RunbookFileReader';

const nowMs = Date.parse('2026-06-30T12:00:00Z');
const parse = (text: string) => parseRunbookMarkdown(text, { nowMs });
const RUNS = { numRuns: 200 };

/** How a result departs from the shape every result has, whatever the file held. */
function defects(result: ReturnType<typeof parse>): string[] {
  const found: string[] = [];
  if (typeof result.markdown !== 'string') found.push('markdown');
  if (!Array.isArray(result.alerts) || result.alerts.length > 100) {
    found.push('alerts');
  } else if (result.alerts.some(a => !a || a !== a.trim())) {
    found.push('alert names');
  }
  if (
    result.lastReviewed !== null &&
    !/^\d{4}-\d{2}-\d{2}$/.test(result.lastReviewed)
  ) {
    found.push('lastReviewed');
  }
  if (result.title !== undefined && !result.title.trim()) found.push('title');
  if (result.problems.some(p => typeof p !== 'string' || !p)) {
    found.push('problems');
  }
  return found;
}

/** Text made of the characters that matter to front matter, YAML and headings. */
const markdownish = fc.string({
  unit: fc.constantFrom(
    '---',
    '...',
    '\n',
    '\r\n',
    '\uFEFF',
    '# ',
    '#',
    ' ',
    '\t',
    ':',
    '- ',
    '[',
    ']',
    '{',
    '}',
    '&a',
    '*a',
    '!!',
    '|',
    '>',
    '"',
    "'",
    'title',
    'alerts',
    'last-reviewed',
    'lastReviewed',
    '2026-02-30',
    '2026-05-04',
    'x',
    'ü',
  ),
  maxLength: 60,
});

/** Front matter values of every YAML kind, including the wrong ones. */
const yamlValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.date({ noInvalidDate: true }),
  fc.constantFrom(
    '2026-05-04',
    '2026-02-30',
    '2099-01-01',
    '2026-05-04T10:00:00Z',
    '',
    ' ',
    ['a', 'A', ' a '],
  ),
);

const frontMatter = fc.dictionary(
  fc.constantFrom(
    'title',
    'alerts',
    'last-reviewed',
    'lastReviewed',
    'last_reviewed',
    'reviewed',
    'owner',
  ),
  yamlValue,
);

const alertName = fc.stringMatching(
  /^[a-z0-9][a-z0-9._-]{0,20}:(page|ticket)$/,
);

describe('parseRunbookMarkdown (properties)', () => {
  it('never throws on arbitrary text and always returns a well-formed result', () => {
    fc.assert(
      fc.property(
        fc.oneof(markdownish, fc.string({ unit: 'binary', maxLength: 200 })),
        text => expect(defects(parse(text))).toEqual([]),
      ),
      RUNS,
    );
  });

  it('turns any front matter into values or problems, and keeps the body', () => {
    fc.assert(
      fc.property(frontMatter, fc.string({ maxLength: 80 }), (data, body) => {
        const text = `---\n${stringify(data)}---\n${body}`;
        const result = parse(text);
        expect(defects(result)).toEqual([]);
        expect(result.markdown).toBe(body.replace(/^(?:[ \t]*\r?\n)+/, ''));
      }),
      RUNS,
    );
  });

  it('reads valid front matter back as written', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 200 }).filter(t => !!t.trim()),
        fc.array(alertName, { maxLength: 10 }),
        fc.date({
          min: new Date('2000-01-01'),
          max: new Date(nowMs),
          noInvalidDate: true,
        }),
        fc.string({ maxLength: 80 }).map(s => `# Steps\n\n${s}`),
        (title, alerts, reviewed, body) => {
          const date = reviewed.toISOString().slice(0, 10);
          const text = `---\n${stringify({
            title,
            alerts,
            'last-reviewed': date,
          })}---\n${body}`;
          expect(parse(text)).toEqual({
            title: title.trim(),
            alerts: [...new Set(alerts)],
            lastReviewed: date,
            markdown: body,
            problems: [],
          });
        },
      ),
      RUNS,
    );
  });

  it('takes the title from the first heading when the front matter has none', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[^\r\n#]*\S[^\r\n]*$/),
        fc
          .tuple(
            fc.integer({ min: 1, max: 4 }),
            fc.constantFrom('', ' ', ' \t'),
          )
          .map(([n, blanks]) => `${'#'.repeat(n)}${blanks}`),
        fc.string({ maxLength: 40 }),
        (heading, closing, rest) => {
          // A closing run of # after a blank is not part of the title (CommonMark).
          const result = parse(`# ${heading} ${closing}\r\n${rest}`);
          expect(result.title).toBe(heading.trim());
        },
      ),
      RUNS,
    );
  });

  // A runbook file is written by whoever owns an entity and may be as large as the
  // read limit; reading it must not stall the backend. A heading regular expression
  // such as /^#[ \t]+(.+?)[ \t#]*$/m backtracks quadratically on such a line (3.5 s
  // at 40,000 characters, minutes at this size), so this test then hits Jest's
  // timeout; linear parsing reads it at once. No timer: a hang guard, not a speed target.
  it('reads a file with a heading line as long as the read limit allows', () => {
    const line = `# a${' '.repeat(
      DEFAULT_RUNBOOK_READ_LIMITS.maxFileBytes - 10,
    )}b`;
    expect(line.length).toBeLessThan(DEFAULT_RUNBOOK_READ_LIMITS.maxFileBytes);
    expect(parse(line).title).toBe(line.slice(2));
  });
});
