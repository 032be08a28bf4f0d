import { childPath, isSpecObject, showValue, SpecReader } from './SpecReader';

describe('childPath', () => {
  it('joins keys with dots, indexes with brackets and quotes odd keys', () => {
    expect(childPath('', 'spec')).toBe('spec');
    expect(childPath('spec', 'objectives')).toBe('spec.objectives');
    expect(childPath('spec.objectives', 0)).toBe('spec.objectives[0]');
    expect(childPath('metadata.annotations', 'sre-catalog.io/x')).toBe(
      'metadata.annotations["sre-catalog.io/x"]',
    );
  });
});

describe('showValue', () => {
  it('quotes strings and cuts long values', () => {
    expect(showValue('x')).toBe('"x"');
    expect(showValue(1.5)).toBe('1.5');
    expect(showValue(undefined)).toBe('undefined');
    expect(showValue({ a: 1 })).toBe('{"a":1}');
    expect(showValue('y'.repeat(200))).toHaveLength(80);
  });
});

describe('isSpecObject', () => {
  it('is true for mappings only', () => {
    expect(isSpecObject({})).toBe(true);
    expect(isSpecObject([])).toBe(false);
    expect(isSpecObject(null)).toBe(false);
    expect(isSpecObject(new Date())).toBe(false);
  });
});

describe('SpecReader', () => {
  it('records one problem per missing or mistyped field and reads the rest', () => {
    const reader = new SpecReader();
    const doc = { name: 'a', count: '3', on: 'yes', list: {}, kind: 'X' };
    expect(reader.string(doc, 'doc', 'name', { required: true })).toBe('a');
    expect(reader.number(doc, 'doc', 'count')).toBeUndefined();
    expect(reader.boolean(doc, 'doc', 'on')).toBeUndefined();
    expect(reader.list(doc, 'doc', 'list')).toBeUndefined();
    expect(reader.object(doc, 'doc', 'missing', { required: true })).toBe(
      undefined,
    );
    expect(reader.constant(doc, 'doc', 'kind', 'Y')).toBe(false);
    expect(reader.oneOf(doc, 'doc', 'name', ['b', 'c'])).toBeUndefined();
    expect(reader.problems).toEqual([
      {
        path: 'doc.count',
        message: 'count must be a number, not a string ("3")',
      },
      {
        path: 'doc.on',
        message: 'on must be true or false, not a string ("yes")',
      },
      { path: 'doc.list', message: 'list must be a list, not a mapping ({})' },
      { path: 'doc.missing', message: 'missing is required' },
      { path: 'doc.kind', message: 'kind "X" is not Y' },
      { path: 'doc.name', message: 'name "a" is not one of b, c' },
    ]);
  });

  it('does not report fields of a parent that is itself missing', () => {
    const reader = new SpecReader();
    expect(
      reader.string(undefined, 'spec', 'service', { required: true }),
    ).toBe(undefined);
    expect(reader.problems).toEqual([]);
  });

  it('reads string maps and reports the values that are not strings', () => {
    const reader = new SpecReader();
    expect(
      reader.stringMap(
        { labels: { team: 'a', tier: 1 } },
        'metadata',
        'labels',
      ),
    ).toEqual({ team: 'a' });
    expect(reader.problems).toEqual([
      {
        path: 'metadata.labels.tier',
        message: 'tier must be a string, not a number (1)',
      },
    ]);
  });

  it('rejects numbers that are not finite', () => {
    const reader = new SpecReader();
    expect(reader.number({ n: NaN }, '', 'n')).toBeUndefined();
    expect(reader.problems).toHaveLength(1);
  });

  it('records where a value that must be a mapping is not one', () => {
    const reader = new SpecReader();
    expect(reader.isMapping({}, 'slos[0]', 'an SLO must be a mapping')).toBe(
      true,
    );
    expect(reader.isMapping([], 'slos[1]', 'an SLO must be a mapping')).toBe(
      false,
    );
    expect(reader.problems).toEqual([
      { path: 'slos[1]', message: 'an SLO must be a mapping, not []' },
    ]);
  });
});
