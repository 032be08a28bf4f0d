import { InputError } from '@backstage/errors';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { SloDefinition } from '@sre-catalog/backstage-plugin-sre-common';
import { z } from 'zod/v4';
import { FINE_RETENTION_MS, HOURLY_RETENTION_MS } from './sliTiers';
import {
  ParseSloPushOptions,
  ParsedSloPush,
  parseSloPush,
} from './ingest/SloEventsValidator';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The most SLOs one batch push may carry. */
export const MAX_SLOS_PER_BATCH = 10_000;

/** The oldest buckets a push may carry: what the store keeps and does not prune. */
export function pushLimits(nowMs: number): ParseSloPushOptions {
  return {
    nowMs,
    oldestFineMs: nowMs - FINE_RETENTION_MS + HOUR,
    oldestMs: nowMs - HOURLY_RETENTION_MS + HOUR,
    retention: `hourly rollups are kept for ${HOURLY_RETENTION_MS / DAY} days`,
  };
}

const batchSchema = z
  .object({
    slos: z
      .array(
        z.object({ slo: z.string().min(1).max(300) }).catchall(z.unknown()),
      )
      .min(1, { error: 'must hold at least one SLO' })
      .max(MAX_SLOS_PER_BATCH, {
        error: `must hold at most ${MAX_SLOS_PER_BATCH} SLOs per request`,
      }),
  })
  .strict();

/** A full SLO ref already in lower case: what exporters send, and its own form. */
const CANONICAL_SLO_REF = /^slo:[a-z0-9][a-z0-9._-]*\/[a-z0-9][a-z0-9._-]*$/;

/** `slo:default/name`, `default/name` or `name`, as a lower-case SLO ref. */
function sloRefOf(ref: string): string {
  // A batch push names up to 10,000 SLOs; parsing each costs more than the rest.
  if (CANONICAL_SLO_REF.test(ref)) return ref;
  let parsed;
  try {
    parsed = parseEntityRef(ref, {
      defaultKind: 'slo',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(`Invalid slo: ${(error as Error).message}`);
  }
  if (parsed.kind.toLocaleLowerCase('en-US') !== 'slo') {
    throw new InputError(`Invalid slo: ${ref} is not an SLO`);
  }
  return stringifyEntityRef(parsed).toLocaleLowerCase('en-US');
}

/** A built-in SLO's definition, or an InputError saying why not. */
export function builtinOf(
  sloRef: string,
  slo: SloDefinition | InputError | undefined,
): SloDefinition {
  if (slo instanceof Error) throw slo;
  if (!slo) throw new InputError(`Unknown SLO ${sloRef}`);
  if (slo.indicator.source.type !== 'builtin') {
    throw new InputError(
      `SLO ${sloRef} reads its SLI from ${slo.indicator.source.type}; only SLIs with metricSource type builtin accept pushed events`,
    );
  }
  return slo;
}

/** One SLO of a push, validated, before the checks that need the catalog. */
export type ParsedEntry = { sloRef: string } & ParsedSloPush;

/** An error of a batch's entry `i`: an InputError names `slos[i]`. */
export function inEntry(i: number, error: unknown): unknown {
  return error instanceof InputError
    ? new InputError(`slos[${i}]: ${error.message}`)
    : error;
}

/**
 * A batch push's entries, each validated like a single push, before the catalog
 * is asked about any: the first bad entry (in request order) names the error.
 */
export function parseBatchPush(body: unknown): ParsedEntry[] {
  const parsed = batchSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.length
      ? issue.path
          .map(p => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
          .join('')
          .replace(/^\./, '')
      : 'body';
    throw new InputError(`Invalid ${field}: ${issue.message}`);
  }
  const limits = pushLimits(Date.now());
  const entries: ParsedEntry[] = parsed.data.slos.map(
    ({ slo: ref, ...events }, i) => {
      try {
        return { sloRef: sloRefOf(ref), ...parseSloPush(events, limits) };
      } catch (error) {
        throw inEntry(i, error);
      }
    },
  );
  // The store refuses a tick naming an SLO twice; say which entry, before any look-up.
  const seen = new Set<string>();
  entries.forEach(({ sloRef }, i) => {
    if (seen.has(sloRef)) {
      throw new InputError(
        `Invalid slos[${i}].slo: ${sloRef} appears earlier in the same batch; send each SLO once, with all its buckets`,
      );
    }
    seen.add(sloRef);
  });
  return entries;
}
