import {
  isHttpUrl,
  isIsoDate,
  isIsoDateTime,
  validatePostmortemRules,
} from './rules';

const NOW = new Date('2026-11-20T12:00:00Z');

const quick = {
  template: 'quick' as const,
  title: 'Checkout 500s',
  severity: 'SEV2',
  startedAt: '2026-11-02T14:05:00Z',
  entityRefs: ['component:default/checkout-api'],
  summary: 'Bad config push',
};

const fields = (input: object) =>
  validatePostmortemRules(input, { now: NOW }).map(p => p.field);

describe('validatePostmortemRules', () => {
  it('accepts a minimal quick postmortem', () => {
    expect(validatePostmortemRules(quick, { now: NOW })).toEqual([]);
  });

  it('names each field a quick postmortem needs, blank counting as missing', () => {
    expect(fields({ template: 'quick', title: '  ', entityRefs: [] })).toEqual([
      'title',
      'severity',
      'startedAt',
      'entityRefs',
      'summary',
    ]);
  });

  it('asks a full postmortem for impact, detection and resolution times', () => {
    expect(fields({ ...quick, template: 'full' })).toEqual([
      'detectedAt',
      'resolvedAt',
      'impact',
    ]);
    const full = {
      ...quick,
      template: 'full' as const,
      impact: 'Orders failed',
      detectedAt: '2026-11-02T14:09:00Z',
      resolvedAt: '2026-11-02T15:00:00Z',
    };
    expect(fields(full)).toEqual([]);
    expect(
      validatePostmortemRules({ ...full, status: 'published' }, { now: NOW }),
    ).toEqual([
      {
        field: 'contributingFactors',
        message:
          'needs at least one entry before a full postmortem is published',
      },
    ]);
    expect(
      fields({
        ...full,
        status: 'published',
        contributingFactors: ['No canary'],
      }),
    ).toEqual([]);
  });

  it('keeps incident times in order and out of the future', () => {
    expect(
      validatePostmortemRules(
        {
          ...quick,
          detectedAt: '2026-11-02T14:00:00Z',
          mitigatedAt: '2026-11-02T15:00:00Z',
          resolvedAt: '2026-11-02T14:30:00Z',
        },
        { now: NOW },
      ),
    ).toEqual([
      {
        field: 'detectedAt',
        message:
          '2026-11-02T14:00:00Z is before startedAt 2026-11-02T14:05:00Z',
      },
      {
        field: 'resolvedAt',
        message:
          '2026-11-02T14:30:00Z is before mitigatedAt 2026-11-02T15:00:00Z',
      },
    ]);
    expect(fields({ ...quick, startedAt: '2026-11-20T12:10:00Z' })).toEqual([
      'startedAt',
    ]);
    // within the clock skew allowance
    expect(fields({ ...quick, startedAt: '2026-11-20T12:04:00Z' })).toEqual([]);
    // a time with an offset is compared as the instant it names
    expect(
      fields({ ...quick, detectedAt: '2026-11-02T15:06:00+01:00' }),
    ).toEqual([]);
  });
});

describe('formats', () => {
  it('recognises ISO timestamps with a time zone on real dates', () => {
    expect(isIsoDateTime('2026-11-02T14:05:00Z')).toBe(true);
    expect(isIsoDateTime('2026-11-02T14:05:00.123+02:00')).toBe(true);
    expect(isIsoDateTime('2026-11-02T14:05:00')).toBe(false);
    expect(isIsoDateTime('2026-02-30T14:05:00Z')).toBe(false);
    expect(isIsoDateTime('yesterday')).toBe(false);
  });

  it('recognises YYYY-MM-DD dates', () => {
    expect(isIsoDate('2026-12-01')).toBe(true);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('1.12.2026')).toBe(false);
  });

  it('allows only http and https links', () => {
    expect(isHttpUrl('https://jira.example.com/SRE-1')).toBe(true);
    expect(isHttpUrl('http://localhost:3000/x')).toBe(true);
    // eslint-disable-next-line no-script-url -- the input that must be refused
    expect(isHttpUrl('javascript:alert(1)')).toBe(false);
    expect(isHttpUrl('data:text/html,<script>alert(1)</script>')).toBe(false);
    expect(isHttpUrl('/relative')).toBe(false);
  });
});
