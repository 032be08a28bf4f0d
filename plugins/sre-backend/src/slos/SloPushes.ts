import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  SloDefinition,
  sloEventsCreatePermission,
  sliceSpecOf,
} from '@sre-catalog/backstage-plugin-sre-common';
import {
  MAX_REPLACED_WITHOUT_FLAG,
  maxReplaceable,
  parseSloPush,
} from './ingest/SloEventsValidator';
import { SloPushPermissions, SloPushPolicyDeps } from './SloPushPermissions';
import {
  ParsedEntry,
  builtinOf,
  inEntry,
  parseBatchPush,
  pushLimits,
} from './sloPushRequests';
import { SloDefinitionsOf } from './SloStatusReads';
import { SloVisibility } from './SloVisibility';
import { SliStore, SliTickEntry } from './store/SliStore';
import { SloRequestOptions } from './SloService';
import { TtlCache } from './TtlCache';

/**
 * How long a push reuses a valid SLO definition: an exporter pushing 10,000 SLOs a
 * minute would otherwise have the catalog load and parse all of them each time.
 * An edited SLO document reaches pushes within this time (the catalog itself
 * takes longer to process it).
 */
export const PUSH_DEFINITION_CACHE_MS = 60_000;

/**
 * How long a push reuses the caller's right to see an SLO, like its definition: a
 * tick of 10,000 SLOs asks the catalog about them at most once per this time.
 */
export const PUSH_VISIBILITY_CACHE_MS = PUSH_DEFINITION_CACHE_MS;

/** Pushes of SLI events to built-in SLOs: checked, then queued in the SLI store. */
export class SloPushes {
  private readonly pushDefinitions = new TtlCache<SloDefinition>(
    PUSH_DEFINITION_CACHE_MS,
    100_000,
  );

  /** Who may push to which SLOs. */
  readonly authorization: SloPushPermissions;

  constructor(
    private readonly deps: SloPushPolicyDeps & {
      sliStore: SliStore;
      visibility: SloVisibility;
      definitionsOf: SloDefinitionsOf;
    },
  ) {
    // Conditional decisions load the SLOs' services through the push definitions.
    this.authorization = new SloPushPermissions({
      ...deps,
      definitionsOf: refs => this.pushDefinitionsOf(refs),
    });
  }

  /**
   * Validates pushed SLI buckets for a built-in SLO and accepts them; the next
   * evaluation applies them (reads show them from then on). Throws
   * SliQueueFullError (503) when the queue of accepted pushes is over a bound.
   */
  async pushEvents(
    request: { sloRef: string; body: unknown },
    { credentials }: SloRequestOptions,
  ): Promise<{ accepted: number }> {
    const { sloRef, body } = request;
    const pushedBy = this.authorization.pusherOf(credentials);
    const parsed = parseSloPush(body, pushLimits(Date.now()));
    const [definitions, decision] = await Promise.all([
      this.pushDefinitionsOf([sloRef]),
      this.authorization.decision(credentials),
    ]);
    if (decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(
        `Pushing SLI events to ${sloRef} needs the ${sloEventsCreatePermission.name} permission`,
      );
    }
    const hidden = await this.deps.visibility.hiddenFromPusher(
      [sloRef],
      credentials,
    );
    // Hidden and unknown alike: the answer must not tell that a hidden SLO exists.
    if (hidden.has(sloRef)) throw new NotFoundError(`Unknown SLO ${sloRef}`);
    const slo = builtinOf(sloRef, definitions.get(sloRef));
    const denied = await this.authorization.deniedBy(decision, [sloRef]);
    if (denied(sloRef)) {
      throw new NotAllowedError(
        `Pushing SLI events to ${sloRef} needs the ${sloEventsCreatePermission.name} permission`,
      );
    }
    await this.assertMayReplace([{ sloRef, ...parsed }], () => '');
    await this.deps.sliStore.writeTick(
      [{ sloRef, buckets: parsed.buckets, slice: sliceSpecOf(slo) }],
      { pushedBy },
    );
    return { accepted: parsed.buckets.length };
  }

  /**
   * Validates one tick of many SLOs and accepts it all-or-nothing: each entry is
   * checked like a single push (its error names `slos[i]`), then the tick is
   * stored as one pending row, applied like a single push. One permission call and
   * one batch catalog call per 1,000 SLOs for the caller's visibility.
   */
  async pushEventsBatch(
    body: unknown,
    { credentials }: SloRequestOptions,
  ): Promise<{ accepted: number; slos: number }> {
    const pushedBy = this.authorization.pusherOf(credentials);
    const entries = parseBatchPush(body);
    const refs = entries.map(e => e.sloRef);
    const [definitions, decision] = await Promise.all([
      this.pushDefinitionsOf(refs),
      this.authorization.decision(credentials),
    ]);
    if (decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(
        `slos[0]: pushing SLI events to ${refs[0]} needs the ${sloEventsCreatePermission.name} permission`,
      );
    }
    const hidden = await this.deps.visibility.hiddenFromPusher(
      refs,
      credentials,
    );
    const slos = entries.map((entry, i) => {
      try {
        if (hidden.has(entry.sloRef)) {
          throw new InputError(`Unknown SLO ${entry.sloRef}`);
        }
        return builtinOf(entry.sloRef, definitions.get(entry.sloRef));
      } catch (error) {
        throw inEntry(i, error);
      }
    });
    const denied = await this.authorization.deniedBy(decision, refs);
    const refused = refs.findIndex(denied);
    if (refused >= 0) {
      throw new NotAllowedError(
        `slos[${refused}]: pushing SLI events to ${refs[refused]} needs the ${sloEventsCreatePermission.name} permission`,
      );
    }
    await this.assertMayReplace(entries, i => `slos[${i}]: `);
    let accepted = 0;
    const tick: SliTickEntry[] = entries.map((entry, i) => {
      accepted += entry.buckets.length;
      return {
        sloRef: entry.sloRef,
        buckets: entry.buckets,
        slice: sliceSpecOf(slos[i]),
      };
    });
    await this.deps.sliStore.writeTick(tick, { pushedBy });
    return { accepted, slos: tick.length };
  }

  /**
   * Definitions for pushes: valid ones are reused (see PUSH_DEFINITION_CACHE_MS);
   * unknown and invalid SLOs are looked up again each time, so that a new or
   * repaired SLO accepts pushes at once.
   */
  private async pushDefinitionsOf(sloRefs: string[]) {
    const result = new Map<string, SloDefinition | InputError | undefined>();
    const missing: string[] = [];
    for (const ref of sloRefs) {
      const hit = this.pushDefinitions.peek(ref);
      if (hit) result.set(ref, hit);
      else missing.push(ref);
    }
    if (missing.length) {
      for (const [ref, definition] of await this.deps.definitionsOf(missing)) {
        result.set(ref, definition);
        if (definition && !(definition instanceof Error)) {
          this.pushDefinitions.set(ref, definition);
        }
      }
    }
    return result;
  }

  /**
   * Refuses an SLO's buckets that would replace more than MAX_REPLACED_WITHOUT_FLAG
   * stored buckets unless the push says `"replace": true`. The database is asked
   * only about SLOs whose buckets could replace that many (not a normal push),
   * and counts applied buckets only: a backfill sent twice before the first is
   * applied is not caught.
   */
  private async assertMayReplace(
    entries: ParsedEntry[],
    prefixOf: (i: number) => string,
  ) {
    const candidates = entries.filter(
      e => !e.replace && maxReplaceable(e.buckets) > MAX_REPLACED_WITHOUT_FLAG,
    );
    if (!candidates.length) return;
    const counts = await this.deps.sliStore.countReplaced(candidates);
    entries.forEach((entry, i) => {
      const count = entry.replace ? 0 : counts.get(entry.sloRef) ?? 0;
      if (count > MAX_REPLACED_WITHOUT_FLAG) {
        throw new InputError(
          `${prefixOf(
            i,
          )}Invalid replace: the push would replace ${count} stored buckets of ${
            entry.sloRef
          }, more than ${MAX_REPLACED_WITHOUT_FLAG}; a backfill must say "replace": true`,
        );
      }
    });
  }
}
