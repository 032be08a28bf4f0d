import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_PROMETHEUS_DEADLINE_MS,
  DEFAULT_PROMETHEUS_TIMEOUT_MS,
  readPrometheusSources,
} from './readPrometheusSources';

function read(sources: unknown) {
  return readPrometheusSources(new ConfigReader({ sre: { sources } } as any));
}

const prom = (name: string, extra: object = {}) => ({
  name,
  type: 'prometheus',
  baseUrl: `http://${name}:9090`,
  ...extra,
});

describe('readPrometheusSources', () => {
  it('has no sources and no default when sre.sources is absent', () => {
    expect(readPrometheusSources(new ConfigReader({}))).toEqual({
      sources: [],
      defaultName: undefined,
    });
  });

  it('reads each source, with headers, timeout and deadline; the first is the default', () => {
    expect(
      read([
        prom('main', {
          baseUrl: 'https://metrics.example.com/prometheus/',
          headers: { Authorization: 'Bearer token', 'X-Scope-OrgID': 'sre' },
          timeout: '10s',
          deadline: '20s',
        }),
        prom('thanos', { timeout: { minutes: 1 } }),
      ]),
    ).toEqual({
      sources: [
        {
          name: 'main',
          baseUrl: 'https://metrics.example.com/prometheus',
          headers: { Authorization: 'Bearer token', 'X-Scope-OrgID': 'sre' },
          timeoutMs: 10_000,
          deadlineMs: 20_000,
        },
        {
          name: 'thanos',
          baseUrl: 'http://thanos:9090',
          headers: {},
          timeoutMs: 60_000,
          deadlineMs: DEFAULT_PROMETHEUS_DEADLINE_MS,
        },
      ],
      defaultName: 'main',
    });
    expect(read([prom('a')]).sources[0].timeoutMs).toBe(
      DEFAULT_PROMETHEUS_TIMEOUT_MS,
    );
  });

  it('takes the source marked default', () => {
    expect(
      read([prom('a'), prom('b', { default: true }), prom('c')]).defaultName,
    ).toBe('b');
  });

  it.each([
    [
      [prom('a', { default: true }), prom('b', { default: true })],
      'Invalid config sre.sources: only one source may be the default; a and b both set default: true',
    ],
    [
      [prom('a'), prom('a')],
      'Invalid config sre.sources[1].name: another source is already named a',
    ],
    [[prom('a b')], /^Invalid config sre\.sources\[0\]\.name: "a b" must be/],
    [
      [prom('a', { type: 'datadog' })],
      'Invalid config sre.sources[0].type: "datadog" is not supported; the only source type is prometheus',
    ],
    [
      [prom('a', { baseUrl: 'prometheus.internal' })],
      /^Invalid config sre\.sources\[0\]\.baseUrl: .* is not a URL/,
    ],
    [
      [prom('a', { baseUrl: 'ftp://prometheus' })],
      'Invalid config sre.sources[0].baseUrl: the protocol must be http or https, not ftp:',
    ],
    [
      [prom('a', { baseUrl: 'http://prometheus/?x=1' })],
      'Invalid config sre.sources[0].baseUrl: give the API root without a query or fragment',
    ],
    [
      [prom('a', { headers: { 'Bad Header': 'x' } })],
      'Invalid config sre.sources[0].headers.Bad Header: not a valid HTTP header name',
    ],
    [
      [prom('a', { timeout: 'soon' })],
      /^Invalid config sre\.sources\[0\]\.timeout: .*use a duration such as 30s/,
    ],
    [
      [prom('a', { deadline: 'PT0S' })],
      'Invalid config sre.sources[0].deadline: must be longer than 0',
    ],
    [[{ name: 'a', type: 'prometheus' }], /sre\.sources\[0\]\.baseUrl/],
  ])('refuses bad config, naming the key (%#)', (sources, message) => {
    expect(() => read(sources)).toThrow(message);
  });

  it.each([
    'https://metrics:hunter2@prometheus.example.com',
    'https://:hunter2@prometheus.example.com/prom',
    'http://metrics@prometheus.example.com',
    'https://metrics:hun ter2@prometheus.example.com',
  ])(
    'refuses a base URL with credentials (%s), pointing to headers without repeating them',
    baseUrl => {
      let error: Error | undefined;
      try {
        read([prom('a'), prom('b', { baseUrl })]);
      } catch (e) {
        error = e as Error;
      }
      expect(error?.message).toBe(
        'Invalid config sre.sources[1].baseUrl: the URL must not hold credentials (user:password@); put them in sre.sources[1].headers, e.g. Authorization: Basic <base64 of user:password> or Authorization: Bearer <token>',
      );
      expect(error?.message).not.toContain('hunter2');
      expect(error?.message).not.toContain('metrics@');
    },
  );
});
