import { stripMarkdown } from './stripMarkdown';

describe('stripMarkdown', () => {
  it('drops front matter, headings, list and quote markers but keeps the words', () => {
    const markdown = [
      '---',
      'title: Disk full',
      'alerts: [NodeDiskFull]',
      'last-reviewed: 2025-01-01',
      '---',
      '# Disk full',
      '',
      '> Page the on-call first.',
      '',
      '- [ ] check `df -h`',
      '* delete old logs',
      '2. rotate',
      '',
      '---',
      '',
      '## Escalate',
    ].join('\n');

    expect(stripMarkdown(markdown)).toBe(
      [
        'Disk full',
        'Page the on-call first.',
        'check df -h\ndelete old logs\nrotate',
        'Escalate',
      ].join('\n\n'),
    );
  });

  it('keeps link and image text without their URLs', () => {
    expect(
      stripMarkdown(
        'See [the dashboard](https://grafana/d/x "Grafana") and ![a graph](g.png), or [docs][1].\n\n[1]: https://docs',
      ),
    ).toBe('See the dashboard and a graph, or docs.');
  });

  it('removes HTML, including script and style content', () => {
    expect(
      stripMarkdown(
        '<div onclick="x()">Restart <b>the</b> pod</div><script>alert(1)</script><style>p{}</style><!-- note -->',
      ),
    ).toBe('Restart the pod');
  });

  it('removes emphasis but leaves snake_case alert names whole', () => {
    expect(
      stripMarkdown(
        '**Never** _restart_ the ~~primary~~ when checkout_high_error_rate fires',
      ),
    ).toBe('Never restart the primary when checkout_high_error_rate fires');
  });

  it('keeps code but not its fences, and table cells but not the table markup', () => {
    expect(
      stripMarkdown(
        [
          '```sh',
          'kubectl rollout undo deploy/checkout',
          '```',
          '',
          '| Alert | Action |',
          '| ----- | :----: |',
          '| HighLatency | scale out |',
        ].join('\n'),
      ),
    ).toBe(
      'kubectl rollout undo deploy/checkout\n\nAlert Action\nHighLatency scale out',
    );
  });
});
