import fc from 'fast-check';
import { parseSloAlertName, sloAlertName } from './alerts';

const RUNS = { numRuns: 200 };

describe('sloAlertName and parseSloAlertName (properties)', () => {
  it('parse back the SLO and severity an alert name was made from', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,30}$/),
        fc.option(fc.stringMatching(/^[a-zA-Z0-9-]{1,20}$/), {
          nil: undefined,
        }),
        fc.constantFrom('page', 'ticket' as const),
        (name, namespace, severity) => {
          const alert = sloAlertName({ name, namespace }, severity);
          expect(parseSloAlertName(` ${alert} `)).toEqual({
            namespace: (namespace ?? 'default').toLocaleLowerCase('en-US'),
            name: name.toLocaleLowerCase('en-US'),
            severity,
          });
        },
      ),
      RUNS,
    );
  });

  it('never throws on arbitrary front matter alert names', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 40 }),
          fc.stringMatching(/^[a-z0-9/:._-]{0,20}:(page|ticket|PAGE)?$/),
        ),
        alert => {
          const parsed = parseSloAlertName(alert);
          // What it reads, written again, is the name it read (lower case).
          const written = parsed && sloAlertName(parsed, parsed.severity);
          expect(written).toBe(
            parsed &&
              alert
                .trim()
                .toLocaleLowerCase('en-US')
                .replace(/^default\//, ''),
          );
        },
      ),
      RUNS,
    );
  });
});
