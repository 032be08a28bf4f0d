import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ListSlosResponse,
  SloHistoryResponse,
  SloStatus,
} from '@sre-catalog/backstage-plugin-sre-common';
import { ListSloStatusQuery } from './status/SloStatusStore';

/** Who is asking: every read is decided with the caller's catalog visibility. */
export type SloRequestOptions = { credentials: BackstageCredentials };

/**
 * A page of SLO statuses; `serviceRef` also lists the service's invalid SLO
 * documents. `ownerRef` (a Group) is the team's SLOs: those it owns and those of
 * the services it supports as SREs.
 */
export type ListSlosQuery = ListSloStatusQuery & {
  serviceRef?: string;
  ownerRef?: string;
};

/**
 * The SLOs of the catalog as the caller may see them, and the push of SLI events
 * into the built-in store. Other domains (postmortems) and the router use this,
 * never the SLO stores.
 */
export interface SloService {
  /**
   * Validates pushed SLI buckets of one built-in SLO and accepts them; the next
   * evaluation applies them. Throws SliQueueFullError (503) when the queue of
   * accepted pushes is over a bound.
   */
  pushEvents(
    request: { sloRef: string; body: unknown },
    options: SloRequestOptions,
  ): Promise<{ accepted: number }>;

  /** One tick of many SLOs, all or nothing; each entry checked like a push. */
  pushEventsBatch(
    body: unknown,
    options: SloRequestOptions,
  ): Promise<{ accepted: number; slos: number }>;

  /** Throws NotFoundError for an SLO the caller cannot see, or not evaluated yet. */
  getStatus(sloRef: string, options: SloRequestOptions): Promise<SloStatus>;

  /** One point per day over the last `days` days. */
  getHistory(
    request: { sloRef: string; days: number },
    options: SloRequestOptions,
  ): Promise<SloHistoryResponse>;

  list(
    query: ListSlosQuery,
    options: SloRequestOptions,
  ): Promise<ListSlosResponse>;
}
