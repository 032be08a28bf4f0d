import { InputError } from '@backstage/errors';
import { Knex } from 'knex';
import { SliQueueAdmission, SliQueueSize } from '../ingest/SliQueueAdmission';
import { encodePendingEntry } from '../ingest/pendingSliEntries';
import { SliQueueLimits } from '../ingest/queueLimits';
import { SliBucketInput, SliTickEntry } from './SliStore';

/**
 * The buckets of one SLO of a push in time order; throws if two of them overlap
 * (the API's validation already refuses repeated starts and mixed sizes).
 */
function sortedWithoutOverlaps(
  sloRef: string,
  buckets: SliBucketInput[],
): SliBucketInput[] {
  const incoming = [...buckets].sort((a, b) => a.startMs - b.startMs);
  for (let i = 1; i < incoming.length; i++) {
    const prev = incoming[i - 1];
    if (prev.startMs + prev.seconds * 1000 > incoming[i].startMs) {
      throw new InputError(
        `${sloRef}: bucket ${new Date(
          incoming[i].startMs,
        ).toISOString()} overlaps bucket ${new Date(
          prev.startMs,
        ).toISOString()} of the same request`,
      );
    }
  }
  return incoming;
}

/**
 * Accepted pushes waiting in `sre_sli_pending`, one row each, within the queue's
 * bounds. `admission` is shared: requeued dead letters reserve through it, and
 * the applier invalidates it once the queue shrank.
 */
export class PendingSliQueue {
  readonly admission: SliQueueAdmission;

  constructor(private readonly db: Knex, limits: SliQueueLimits) {
    this.admission = new SliQueueAdmission(limits, () => this.size());
  }

  /** See SliStore.writeTick. */
  async append(
    entries: SliTickEntry[],
    options: { pushedBy?: string },
  ): Promise<void> {
    const seen = new Set<string>();
    let buckets = 0;
    const rows = entries.map(({ sloRef, buckets: b, slice }) => {
      if (seen.has(sloRef)) {
        throw new InputError(`SLO ${sloRef} appears more than once in a tick`);
      }
      seen.add(sloRef);
      buckets += b.length;
      return encodePendingEntry(
        sloRef,
        sortedWithoutOverlaps(sloRef, b),
        slice,
      );
    });
    if (!buckets) return;
    const payload = `[${rows.join(',')}]`;
    // Refused before anything is stored: a push is never accepted past a bound.
    const done = await this.admission.reserve(payload.length);
    let stored = false;
    try {
      await this.db('sre_sli_pending').insert({
        entries: payload,
        buckets,
        received_at: Date.now(),
        pushed_by: options.pushedBy?.slice(0, 255) ?? null,
        bytes: payload.length,
      });
      stored = true;
    } finally {
      done(stored);
    }
  }

  /** The size of the queue, for its bounds. */
  async size(): Promise<SliQueueSize> {
    const row = await this.db('sre_sli_pending')
      .count({ n: '*' })
      .sum({ bytes: 'bytes' })
      .min({ oldest: 'received_at' })
      .first();
    return {
      rows: Number(row?.n ?? 0),
      bytes: Number(row?.bytes ?? 0),
      oldestReceivedAtMs:
        row?.oldest === null || row?.oldest === undefined
          ? null
          : Number(row.oldest),
    };
  }
}
