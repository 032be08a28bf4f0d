import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { applySliTick } from './applySliTick';
import { SqlDialect } from '../../database/sqlDialect';
import { SreDatabase } from '../../database/SreDatabase';
import { HOUR, MIN } from '../../__testUtils__/durations';

const T0 = Date.UTC(2026, 10, 22, 10, 0);
const REF = 'slo:default/checkout-latency';

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('applySliTick on %s', id => {
  async function migrated() {
    const knex = await databases.init(id);
    (
      await SreDatabase.create({ database: mockServices.database({ knex }) })
    ).sliStore();
    return knex;
  }

  it('refuses to count slices that do not divide an hour into whole minutes', async () => {
    const knex = await migrated();
    const invalid: Array<[number, string]> = [
      [8 * MIN, '8m'],
      [90 * MIN, '90m'],
      [2 * HOUR, '2h'],
      [30_000, '30s'],
    ];
    for (const [sliceMs, text] of invalid) {
      for (const seconds of [60, 3600]) {
        await expect(
          knex.transaction(tx =>
            applySliTick(
              tx,
              new SqlDialect(knex),
              [
                {
                  sloRef: REF,
                  buckets: [{ startMs: T0, seconds, good: 1, total: 2 }],
                  slice: { sliceMs, sliceTarget: 0.9 },
                },
              ],
              Date.now(),
            ),
          ),
        ).rejects.toThrow(
          `SLO ${REF}: cannot count time slices of ${text} (${sliceMs} ms) per hour; a slice must be whole minutes that divide an hour`,
        );
      }
    }
    expect(await knex('sre_sli_minutes').select()).toEqual([]);
    expect(await knex('sre_sli_hours').select()).toEqual([]);
  });

  it('writes whole slice counts for every slice that divides an hour', async () => {
    const knex = await migrated();
    const slices = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60];
    await knex.transaction(tx =>
      applySliTick(
        tx,
        new SqlDialect(knex),
        slices.map(minutes => ({
          sloRef: `slo:default/slice-${minutes}m`,
          buckets: [{ startMs: T0, seconds: 3600, good: 3, total: 4 }],
          slice: { sliceMs: minutes * MIN, sliceTarget: 0.5 },
        })),
        Date.now(),
      ),
    );
    const rows = await knex('sre_sli_hours').select(
      'slo_ref',
      'good_slices',
      'bad_slices',
    );
    const counts = new Map(
      rows.map(r => [r.slo_ref, [Number(r.good_slices), Number(r.bad_slices)]]),
    );
    expect(counts).toEqual(
      new Map(
        slices.map(minutes => [
          `slo:default/slice-${minutes}m`,
          [60 / minutes, 0],
        ]),
      ),
    );
  });
});
