import { INLINE_LIMIT, shorten, summariseChange } from './revisionChanges';
import { sreTranslate as t } from '../../__testUtils__/sreTranslate';

const item = (id: string, title: string, status = 'open') => ({
  id,
  title,
  owner: 'group:default/checkout-team',
  dueDate: '2026-01-10',
  priority: 'P1',
  status,
});

describe('shorten', () => {
  it('keeps a short one-line text as it is', () => {
    expect(shorten('Draft')).toEqual({ text: 'Draft', cut: false });
  });

  it('cuts a long line to the limit, and a text of several lines to its first', () => {
    const long = shorten('x'.repeat(INLINE_LIMIT + 1));
    expect(long.cut).toBe(true);
    expect(long.text).toHaveLength(INLINE_LIMIT);
    expect(long.text.endsWith('…')).toBe(true);
    expect(shorten('First line\nSecond line')).toEqual({
      text: 'First line…',
      cut: true,
    });
  });
});

describe('summariseChange', () => {
  it('shows scalars as old and new value, with labels for states', () => {
    expect(
      summariseChange(t, {
        field: 'status',
        before: 'draft',
        after: 'published',
      }),
    ).toEqual({
      field: 'status',
      label: 'Status',
      change: { kind: 'value', before: 'Draft', after: 'Published' },
      full: undefined,
    });
  });

  it('keeps the whole text of a long value for "show all"', () => {
    const after = `${'Long summary. '.repeat(20)}\nSecond paragraph.`;
    const summary = summariseChange(t, {
      field: 'summary',
      before: 'Short.',
      after,
    });
    expect(summary.change).toEqual({
      kind: 'value',
      before: 'Short.',
      after: expect.stringMatching(/…$/),
    });
    expect(summary.full).toEqual({ before: 'Short.', after });
  });

  it('tells a cleared value and a withheld one apart', () => {
    expect(
      summariseChange(t, { field: 'impact', before: 'Orders failed.' }).change,
    ).toEqual({ kind: 'value', before: 'Orders failed.', after: undefined });
    expect(summariseChange(t, { field: 'entityRefs' }).change).toEqual({
      kind: 'withheld',
    });
  });

  it('summarises action items by id: added, removed and what changed in each', () => {
    const summary = summariseChange(t, {
      field: 'actionItems',
      before: [item('ai-1', 'Validate config'), item('ai-2', 'Old idea')],
      after: [
        item('ai-1', 'Validate config pushes', 'done'),
        { title: 'Add a canary', owner: 'user:default/tom', priority: 'P0' },
      ],
    });
    expect(summary.label).toBe('Action items');
    expect(summary.change).toEqual({
      kind: 'list',
      lines: [
        {
          kind: 'changed',
          text: 'Validate config pushes: title Validate config → Validate config pushes, status Open → Done',
        },
        { kind: 'added', text: 'Add a canary (user:default/tom, P0)' },
        {
          kind: 'removed',
          text: expect.stringMatching(
            /^Old idea \(group:default\/checkout-team, due .*, P1, Open\)$/,
          ),
        },
      ],
      more: 0,
    });
    expect(summary.full).toBeUndefined();
  });

  it('names at most five items and keeps all of them for "show all"', () => {
    const tags = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const summary = summariseChange(t, {
      field: 'tags',
      before: [],
      after: tags,
    });
    expect(summary.change).toEqual({
      kind: 'list',
      lines: tags.slice(0, 5).map(text => ({ kind: 'added', text })),
      more: 2,
    });
    expect(summary.full).toEqual({ before: undefined, after: tags.join('\n') });
  });

  it('says when only the order of a list changed', () => {
    expect(
      summariseChange(t, {
        field: 'contributingFactors',
        before: ['one', 'two'],
        after: ['two', 'one'],
      }).change,
    ).toEqual({
      kind: 'list',
      lines: [{ kind: 'changed', text: 'order changed' }],
      more: 0,
    });
  });

  it('shows the budget an impacted SLO consumed before and after', () => {
    expect(
      summariseChange(t, {
        field: 'impactedSlos',
        before: [
          { sloRef: 'slo:default/a', budgetConsumed: 0.1, computed: true },
        ],
        after: [
          { sloRef: 'slo:default/a', budgetConsumed: 0.25, computed: false },
        ],
      }).change,
    ).toEqual({
      kind: 'list',
      lines: [{ kind: 'changed', text: 'slo:default/a: budget 10% → 25%' }],
      more: 0,
    });
  });

  it('does not fail on values of an unexpected shape', () => {
    expect(
      summariseChange(t, {
        field: 'actionItems',
        before: 'oops',
        after: [1, null],
      }).change,
    ).toEqual({
      kind: 'value',
      before: 'oops',
      after: expect.stringContaining('['),
    });
    expect(
      summariseChange(t, { field: 'somethingNew', after: { a: 1 } }).label,
    ).toBe('somethingNew');
  });
});
