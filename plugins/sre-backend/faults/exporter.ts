/**
 * One simulated exporter: pushes per-minute SLI counts of the buckets it owns
 * (single-SLO pushes and batch pushes, re-sending buckets with new counts) to
 * random replicas, like an exporter behind a load balancer, and retries like one.
 * Exporters own disjoint minutes, and an exporter sends one push at a time, so
 * the pushes of any one bucket are ordered.
 */
import { FaultSlo } from './faultOrganisation';
import { Counts, Outcome, PushLedger, bucketKey } from './pushLedger';
import { Replica } from './replicas';
import { SeededRandom, sleep } from './seededRandom';

type Bucket = Counts & { sloRef: string; startMs: number };

type Answer = {
  outcome: Outcome;
  /** HTTP status or error code, for the summary. */
  why?: string;
  retryAfterMs?: number;
};

const wire = (b: Bucket) => ({
  start: new Date(b.startMs).toISOString(),
  good: b.good,
  total: b.total,
});

/** Attempts of one push before the exporter drops it (a few seconds of retries). */
const MAX_ATTEMPTS = 40;

export class Exporter {
  private readonly lastSent = new Map<string, Counts>();
  /** Buckets never pushed again. */
  private readonly retired = new Set<string>();

  constructor(
    private readonly rng: SeededRandom,
    private readonly slos: FaultSlo[],
    /** Bucket starts (epoch ms) this exporter owns, at most 60. */
    private readonly minutes: number[],
    private readonly replicas: Replica[],
    private readonly ledger: PushLedger,
    private readonly token: string,
    private readonly options: {
      /** Probability of dropping a push that was refused (not one without an answer). */
      giveUpRefused: number;
      thinkMs: [number, number];
      /** Told of every 202, with the replica that answered and the buckets it took. */
      onAccepted?: (replica: Replica, buckets: number) => void;
    },
  ) {}

  async run(stopped: () => boolean): Promise<void> {
    while (!stopped()) {
      await this.pushOnce();
      await sleep(this.rng.int(...this.options.thinkMs));
    }
  }

  private counts(sloRef: string, startMs: number): Counts {
    const total = this.rng.int(50, 5000);
    const bad = this.rng.chance(0.75)
      ? this.rng.int(0, Math.floor(total * 0.004))
      : this.rng.int(0, Math.floor(total * 0.05));
    let c = { good: total - bad, total };
    const key = bucketKey(sloRef, startMs);
    const prev = this.lastSent.get(key);
    // A re-send always carries new counts, so that the stored ones tell which push won.
    if (prev && prev.total === c.total)
      c = { good: c.good + 1, total: c.total + 1 };
    this.lastSent.set(key, c);
    return c;
  }

  private async pushOnce() {
    const r = this.rng.next();
    let slos: FaultSlo[];
    let minutes: number[];
    let kind: 'batch' | 'single';
    if (r < 0.2) {
      // A large batch: every SLO, every owned minute.
      kind = 'batch';
      slos = this.slos;
      minutes = this.minutes;
    } else if (r < 0.6) {
      kind = 'batch';
      slos = this.rng.sample(this.slos, this.rng.int(2, this.slos.length));
      minutes = this.rng.sample(this.minutes, this.rng.int(3, 15));
    } else {
      kind = 'single';
      slos = [this.rng.pick(this.slos)];
      minutes = this.rng.sample(this.minutes, this.rng.int(1, 5));
    }
    minutes.sort((a, b) => a - b);
    const buckets: Bucket[] = [];
    for (const slo of slos) {
      for (const startMs of minutes) {
        if (this.retired.has(bucketKey(slo.ref, startMs))) continue;
        buckets.push({
          sloRef: slo.ref,
          startMs,
          ...this.counts(slo.ref, startMs),
        });
      }
    }
    if (!buckets.length) return;
    slos = slos.filter(slo => buckets.some(b => b.sloRef === slo.ref));
    const body =
      kind === 'batch'
        ? {
            slos: slos.map(slo => ({
              slo: slo.ref,
              buckets: buckets.filter(b => b.sloRef === slo.ref).map(wire),
            })),
          }
        : { buckets: buckets.map(wire) };
    const path =
      kind === 'batch'
        ? '/api/sre/slos/events'
        : `/api/sre/slos/default/${slos[0].name}/events`;
    const push = this.ledger.newPush();
    let replica = this.rng.pick(this.replicas);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const answer = await send(
        replica,
        path,
        body,
        this.token,
        buckets.length,
        this.ledger,
      );
      this.ledger.record(push, kind, answer.outcome, answer.why, buckets);
      if (answer.outcome === 'accepted') {
        this.options.onAccepted?.(replica, buckets.length);
        return;
      }
      // A push without an answer is always retried (the same content), so that
      // whether the first try was stored does not matter; a refused one sometimes
      // is dropped, and must then stay unstored.
      if (
        answer.outcome === 'refused' &&
        this.rng.chance(this.options.giveUpRefused)
      ) {
        this.ledger.counters.gaveUp++;
        // Some dropped single pushes are never followed by another push of their
        // buckets: those must end with the counts of their last 202, if any.
        if (kind === 'single' && this.rng.chance(0.3)) {
          for (const b of buckets)
            this.retired.add(bucketKey(b.sloRef, b.startMs));
        }
        return;
      }
      await sleep(answer.retryAfterMs ?? Math.min(100 * attempt, 1000));
      // The next try goes to another replica, as a load balancer would send it.
      replica =
        this.replicas[
          (this.replicas.indexOf(replica) + 1) % this.replicas.length
        ];
    }
    this.ledger.counters.gaveUp++;
  }
}

async function send(
  replica: Replica,
  path: string,
  body: unknown,
  token: string,
  buckets: number,
  ledger: PushLedger,
): Promise<Answer> {
  let res: Response;
  let text: string;
  try {
    res = await fetch(`${replica.base}${path}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    text = await res.text();
  } catch (error) {
    const code = (error as { cause?: { code?: string } })?.cause?.code;
    // Nothing listens: the request never reached a backend.
    if (code === 'ECONNREFUSED') return { outcome: 'refused', why: code };
    return { outcome: 'unknown', why: code ?? (error as Error).name };
  }
  if (res.status === 202) {
    const accepted = (JSON.parse(text) as { accepted?: number }).accepted;
    if (accepted !== buckets) ledger.counters.wrongAcceptedCount++;
    return { outcome: 'accepted' };
  }
  const retryAfter = Number(res.headers.get('retry-after'));
  const retryAfterMs =
    retryAfter > 0 ? Math.min(retryAfter, 2) * 1000 : undefined;
  // A 5xx may come after the row was committed (the connection broke before the
  // answer): unknown, unless the database could not even be reached or the queue
  // refused it up front (503 with Retry-After).
  if (
    res.status >= 500 &&
    !retryAfterMs &&
    !/ECONNREFUSED|the database system is (starting up|shutting down|in recovery mode)/.test(
      text,
    )
  ) {
    return { outcome: 'unknown', why: `HTTP ${res.status} ${messageOf(text)}` };
  }
  return {
    outcome: 'refused',
    why: `HTTP ${res.status} ${messageOf(text)}`,
    retryAfterMs,
  };
}

/** The start of a Backstage error's message, digits masked, to count alike errors together. */
function messageOf(text: string): string {
  try {
    const message = (JSON.parse(text) as { error?: { message?: string } }).error
      ?.message;
    return (message ?? '')
      .replace(/logId=\S+/, 'logId=…')
      .slice(0, 70)
      .replace(/\d+/g, 'N');
  } catch {
    return text.slice(0, 70).replace(/\d+/g, 'N');
  }
}
