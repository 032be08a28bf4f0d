/** Lets a fault wait for a replica's 202 to a large batch (FaultContext.acceptedBatch). */
import { Replica } from './replicas';

/** Waiters for 202s, told by the exporters. */
export class AcceptedBatches {
  private readonly waiters = new Set<(r: Replica, n: number) => void>();

  readonly onAccepted = (replica: Replica, buckets: number) => {
    for (const w of [...this.waiters]) w(replica, buckets);
  };

  wait(replica: Replica, buckets: number, timeoutMs: number) {
    return new Promise<boolean>(resolve => {
      let timer: NodeJS.Timeout | undefined = undefined;
      const waiter = (r: Replica, n: number) => {
        if (r !== replica || n < buckets) return;
        this.waiters.delete(waiter);
        clearTimeout(timer);
        resolve(true);
      };
      timer = setTimeout(() => {
        this.waiters.delete(waiter);
        resolve(false);
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}
