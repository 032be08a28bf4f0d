/** What a fault injector gets from its scenario, and what it records of its kills. */
import { FaultDatabase } from './faultDatabase';
import { FaultSlo } from './faultOrganisation';
import { Replica } from './replicas';
import { SeededRandom } from './seededRandom';

export type FaultContext = {
  db: FaultDatabase;
  replicas: Replica[];
  rng: SeededRandom;
  slos: FaultSlo[];
  log: (line: string) => void;
  /** The kills so far (scenario A), for the evaluation gaps. */
  kills: KillRecord[];
  /** How long evaluation may stop after one run is left by a dead replica. */
  stallBoundMs: number;
  /**
   * Resolves true as soon as `replica` answers 202 to a push of at least
   * `buckets` buckets, false after `timeoutMs`.
   */
  acceptedBatch(
    replica: Replica,
    buckets: number,
    timeoutMs: number,
  ): Promise<boolean>;
};

export type KillMoment = 'apply' | 'batch' | 'evaluation';

/** One kill of a replica: when, whom, at which moment. */
export type KillRecord = {
  round: number;
  atMs: number;
  victim: string;
  moment: KillMoment;
};

export type FaultInjector = {
  rounds: number;
  /** One fault; returns the line that describes what happened. */
  inject(ctx: FaultContext, round: number): Promise<string>;
};
