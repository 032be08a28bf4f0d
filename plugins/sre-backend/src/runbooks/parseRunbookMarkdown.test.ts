import { parseRunbookMarkdown } from './parseRunbookMarkdown';

const nowMs = Date.parse('2026-06-30T12:00:00Z');
const parse = (text: string) => parseRunbookMarkdown(text, { nowMs });

describe('parseRunbookMarkdown', () => {
  it('reads title, alerts and last-reviewed from the front matter and returns the body', () => {
    const result = parse(
      [
        '---',
        'title: Checkout error rate high',
        'alerts:',
        '  - checkout-api-availability:page',
        '  - checkout-api-availability:ticket',
        '  - checkout-api-availability:page',
        'last-reviewed: 2026-05-04',
        'owner: checkout-team',
        '---',
        '',
        '# Checkout error rate high',
        '',
        '1. Open the dashboard.',
        '',
      ].join('\n'),
    );
    expect(result).toEqual({
      title: 'Checkout error rate high',
      alerts: [
        'checkout-api-availability:page',
        'checkout-api-availability:ticket',
      ],
      lastReviewed: '2026-05-04',
      markdown: '# Checkout error rate high\n\n1. Open the dashboard.\n',
      problems: [],
    });
  });

  it('takes the title from the first heading and accepts CRLF, a BOM and an empty front matter', () => {
    expect(parse('\uFEFF---\r\n---\r\n# Refunds stuck\r\nbody')).toEqual({
      title: 'Refunds stuck',
      alerts: [],
      lastReviewed: null,
      markdown: '# Refunds stuck\r\nbody',
      problems: [],
    });
    expect(parse('No front matter at all\n')).toEqual({
      alerts: [],
      lastReviewed: null,
      markdown: 'No front matter at all\n',
      problems: [],
    });
  });

  it('accepts one alert as a string and a date-time as the review date', () => {
    const result = parse(
      "---\nalerts: HighErrorRate\nlast-reviewed: '2026-05-04T10:00:00Z'\n---\nx",
    );
    expect(result.alerts).toEqual(['HighErrorRate']);
    expect(result.lastReviewed).toBe('2026-05-04');
  });

  it('reports front matter that is not YAML with the line of the file, and keeps the body', () => {
    const result = parse('---\ntitle: ok\nalerts: [a\nb: c\n---\n# Body\n');
    expect(result.problems).toEqual([
      expect.stringMatching(
        /^the front matter is not valid YAML \(line 4, column 1\): Flow sequence/,
      ),
    ]);
    expect(result.markdown).toBe('# Body\n');
    expect(result.title).toBe('Body');
    expect(result.lastReviewed).toBeNull();
  });

  it('reports a front matter that is never closed', () => {
    const result = parse('---\ntitle: x\n# Body');
    expect(result.problems).toEqual([
      'the front matter opened with --- on the first line is never closed with a --- line',
    ]);
    expect(result.markdown).toBe('title: x\n# Body');
  });

  it('reports front matter that is not a mapping, duplicate keys and aliases to nowhere', () => {
    expect(parse('---\n- a\n- b\n---\n').problems).toEqual([
      'the front matter must be a YAML mapping with title, alerts and last-reviewed, not a list',
    ]);
    expect(parse('---\ntitle: a\ntitle: b\n---\n').problems[0]).toMatch(
      /Map keys must be unique/,
    );
    expect(parse('---\ntitle: *x\n---\n').problems[0]).toMatch(
      /not valid YAML/,
    );
  });

  it('names each bad field and keeps the good ones', () => {
    const result = parse(
      [
        '---',
        'title: [not, text]',
        'alerts: [ok:page, 42, ""]',
        'last-reviewed: last spring',
        '---',
        'body',
      ].join('\n'),
    );
    expect(result.problems).toEqual([
      'title must be text, not a list',
      'alerts[1] must be an alert name, not number 42',
      'alerts[2] must be an alert name, not string ""',
      'last-reviewed must be a date such as 2026-01-31, not string "last spring"; the runbook counts as never reviewed',
    ]);
    expect(result.alerts).toEqual(['ok:page']);
    expect(result.lastReviewed).toBeNull();
    expect(result.title).toBeUndefined();
  });

  it('refuses impossible and future review dates, and a misspelt key', () => {
    expect(parse('---\nlast-reviewed: 2026-02-30\n---\n').problems).toEqual([
      'last-reviewed must be a date such as 2026-01-31, not string "2026-02-30"; the runbook counts as never reviewed',
    ]);
    expect(parse('---\nlast-reviewed: 2027-01-01\n---\n').problems).toEqual([
      'last-reviewed 2027-01-01 is in the future; the runbook counts as never reviewed',
    ]);
    expect(parse('---\nlastReviewed: 2026-01-01\n---\n').problems).toEqual([
      'the review date must be under last-reviewed, not lastReviewed; the runbook counts as never reviewed',
    ]);
    expect(parse('---\nalerts: {a: 1}\n---\n').problems).toEqual([
      'alerts must be a list of alert names such as checkout-api-availability:page, not a mapping',
    ]);
  });
});
