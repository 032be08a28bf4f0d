import { checkSelfContained } from './checkSelfContained';

describe('checkSelfContained', () => {
  it.each([
    'sum(rate(http_requests_total{code=~"5.."}[5m])) by (job)',
    'rate(x{path="/a)b]c}"}[5m])',
    "rate(x{path='it\\'s ) here'}[1m])",
    'rate(x{path=`raw \\ ) "`}[1m])',
    'rate(x[5m]) # a comment with ) and " in it',
    'rate(x[5m]) # ) \n + rate(y[5m])',
    'rate(x{a="\\""}[5m])',
    'max_over_time(rate(x[5m])[1h:1m])',
    '',
  ])('accepts %j', query => {
    expect(checkSelfContained(query)).toBeUndefined();
  });

  it.each([
    ['rate(x[5m])) or vector(1', /"\)" at .* closes more than it opened/],
    ['x) or (y', /"\)" at .* closes more than it opened/],
    ['sum(rate(x[5m])', /^its "\(" at "sum\(rate\(x\[5m" is never closed$/],
    ['rate(x[5m)]', /"\)" at .* does not close its "\["/],
    ['x{a="b)"', /"\{" at .* is never closed/],
    ['x{a="b}', /string that is not closed/],
    ['x{a="b\\"}', /string that is not closed/],
    ['x{a=`b})', /string that is not closed/],
    // Prometheus ends a quoted string's line there, so no ) hides behind one.
    ['x{a="b\n")} or vector(1) or (x{a="', /string that is not closed/],
    ['x{a="b\\\n"}', /string that is not closed/],
    // A comment ends at \r as well as \n in Prometheus: what follows is code.
    ['rate(x[5m]) # \r) or vector(1', /"\)" at .* closes more than it opened/],
  ])('refuses %j', (query, reason) => {
    expect(checkSelfContained(query)).toMatch(reason);
  });
});
