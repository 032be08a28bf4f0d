/**
 * Every push attempt of a fault run and what it answered, per bucket, in the order
 * each bucket was sent (an exporter never has two pushes of one bucket in flight,
 * so that order is the order the store must apply them in).
 */

/** accepted: 202. refused: an answer, or a refused connection, that stored nothing. unknown: no answer. */
export type Outcome = 'accepted' | 'refused' | 'unknown';

export type Counts = { good: number; total: number };

type BucketEvent = Counts & { outcome: Outcome; push: number };

export type BucketExpectation = {
  /** The counts of the last 202'd push, if any. */
  accepted?: Counts;
  /**
   * What may be stored: the accepted counts (or nothing), or the counts of a push
   * sent after it whose answer never came (it may have been stored before the
   * replica died).
   */
  allowed: Array<Counts | undefined>;
  /** Counts of earlier 202'd pushes: stored, they would be an applied-out-of-order push. */
  older: Counts[];
  /** Counts of pushes that were refused: stored, they would be stored without a 202. */
  refused: Counts[];
};

export const bucketKey = (sloRef: string, startMs: number) =>
  `${sloRef}|${startMs}`;

const same = (a: Counts | undefined, b: Counts | undefined) =>
  a === b || (!!a && !!b && a.good === b.good && a.total === b.total);

export class PushLedger {
  private readonly buckets = new Map<string, BucketEvent[]>();
  readonly counters = {
    pushes: 0,
    attempts: 0,
    accepted: 0,
    refused: 0,
    unknown: 0,
    gaveUp: 0,
    batchAccepted: 0,
    singleAccepted: 0,
    bucketsAccepted: 0,
    /** Buckets accepted again with new counts after an earlier 202. */
    resentAccepted: 0,
    /** 202s whose `accepted` count was not the number of buckets sent. */
    wrongAcceptedCount: 0,
  };
  /** Status (or error code) of the answers that were not 202, counted. */
  readonly failures = new Map<string, number>();
  private nextPush = 1;

  newPush(): number {
    this.counters.pushes++;
    return this.nextPush++;
  }

  record(
    push: number,
    kind: 'batch' | 'single',
    outcome: Outcome,
    why: string | undefined,
    buckets: Array<Counts & { sloRef: string; startMs: number }>,
  ) {
    this.counters.attempts++;
    this.counters[outcome]++;
    if (outcome === 'accepted') {
      if (kind === 'batch') this.counters.batchAccepted++;
      else this.counters.singleAccepted++;
      this.counters.bucketsAccepted += buckets.length;
    } else {
      const label = `${outcome} ${why ?? ''}`.trim();
      this.failures.set(label, (this.failures.get(label) ?? 0) + 1);
    }
    for (const b of buckets) {
      const key = bucketKey(b.sloRef, b.startMs);
      let events = this.buckets.get(key);
      if (!events) this.buckets.set(key, (events = []));
      if (
        outcome === 'accepted' &&
        events.some(e => e.outcome === 'accepted' && e.push !== push)
      ) {
        this.counters.resentAccepted++;
      }
      events.push({ good: b.good, total: b.total, outcome, push });
    }
  }

  keys(): string[] {
    return [...this.buckets.keys()];
  }

  expectation(key: string): BucketExpectation {
    const events = this.buckets.get(key) ?? [];
    let last = -1;
    events.forEach((e, i) => {
      if (e.outcome === 'accepted') last = i;
    });
    const accepted = last >= 0 ? counts(events[last]) : undefined;
    const allowed: Array<Counts | undefined> = [accepted];
    for (const e of events.slice(last + 1)) {
      if (e.outcome === 'unknown' && !allowed.some(a => same(a, e))) {
        allowed.push(counts(e));
      }
    }
    const older = events
      .slice(0, Math.max(last, 0))
      .filter(e => e.outcome === 'accepted' && !same(e, accepted))
      .map(counts);
    const refused = events
      .filter(e => e.outcome === 'refused' && !allowed.some(a => same(a, e)))
      .map(counts);
    return { accepted, allowed, older, refused };
  }

  /** Buckets whose last push was refused (the exporter dropped it and never sent them again). */
  refusedLast(): { buckets: number; withEarlier202: number } {
    let buckets = 0;
    let withEarlier202 = 0;
    for (const events of this.buckets.values()) {
      if (events[events.length - 1].outcome !== 'refused') continue;
      buckets++;
      if (events.some(e => e.outcome === 'accepted')) withEarlier202++;
    }
    return { buckets, withEarlier202 };
  }
}

function counts(e: Counts): Counts {
  return { good: e.good, total: e.total };
}

export { same as sameCounts };
