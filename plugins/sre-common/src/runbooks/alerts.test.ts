import { parseSloAlertName, sloAlertName } from './alerts';

describe('sloAlertName', () => {
  it('names the page and ticket alerts of an SLO in the default namespace by its name', () => {
    expect(sloAlertName({ name: 'checkout-api-availability' }, 'page')).toBe(
      'checkout-api-availability:page',
    );
    expect(
      sloAlertName(
        { name: 'Checkout-API-Availability', namespace: 'default' },
        'ticket',
      ),
    ).toBe('checkout-api-availability:ticket');
  });

  it('puts the namespace in front for other namespaces', () => {
    expect(
      sloAlertName({ name: 'refunds', namespace: 'payments' }, 'page'),
    ).toBe('payments/refunds:page');
  });
});

describe('parseSloAlertName', () => {
  it('reads back what sloAlertName writes', () => {
    expect(parseSloAlertName('checkout-api-availability:page')).toEqual({
      namespace: 'default',
      name: 'checkout-api-availability',
      severity: 'page',
    });
    expect(parseSloAlertName(' Payments/Refunds:TICKET ')).toEqual({
      namespace: 'payments',
      name: 'refunds',
      severity: 'ticket',
    });
  });

  it('does not claim other alert names', () => {
    expect(parseSloAlertName('HighErrorRate')).toBeUndefined();
    expect(parseSloAlertName('checkout:warning')).toBeUndefined();
    expect(parseSloAlertName(':page')).toBeUndefined();
  });
});
