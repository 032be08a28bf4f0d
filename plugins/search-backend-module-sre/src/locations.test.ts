import { postmortemLocation, runbookLocation } from './locations';

describe('postmortemLocation', () => {
  it('points into the postmortems tab of the entity, lower-cased and encoded', () => {
    expect(
      postmortemLocation(
        { kind: 'Component', namespace: 'Finance', name: 'Payment-Gateway' },
        'pm 1/2',
      ),
    ).toBe('/catalog/finance/component/payment-gateway/postmortems/pm%201%2F2');
  });
});

describe('runbookLocation', () => {
  const entity = { kind: 'Component', namespace: 'default', name: 'checkout' };

  it('uses the URL of an external runbook', () => {
    expect(
      runbookLocation(entity, { source: 'link', url: 'https://wiki/x' }),
    ).toBe('https://wiki/x');
    expect(runbookLocation(entity, { source: 'slo', url: 'http://rb/y' })).toBe(
      'http://rb/y',
    );
  });

  it('sends repository runbooks and runbooks without an absolute URL to the runbooks tab', () => {
    const tab = '/catalog/default/component/checkout/runbooks';
    expect(
      runbookLocation(entity, {
        source: 'file',
        url: 'https://github.com/acme/checkout/blob/main/runbooks/a.md',
      }),
    ).toBe(tab);
    expect(runbookLocation(entity, { source: 'link', url: '/docs/x' })).toBe(
      tab,
    );
    expect(runbookLocation(entity, { source: 'link', url: undefined })).toBe(
      tab,
    );
    // eslint-disable-next-line no-script-url
    const scriptUrl = 'javascript:alert(1)';
    expect(runbookLocation(entity, { source: 'link', url: scriptUrl })).toBe(
      tab,
    );
  });
});
