import type { PostmortemStatus, PostmortemTemplate } from './types';

/** @public A rule a postmortem breaks: the wire name of the field, and why. */
export type PostmortemProblem = {
  field: string;
  message: string;
};

/** @public The fields {@link validatePostmortemRules} reads; a form may pass a draft. */
export type PostmortemRulesInput = {
  template?: PostmortemTemplate;
  status?: PostmortemStatus;
  title?: string;
  severity?: string;
  summary?: string;
  impact?: string;
  startedAt?: string;
  detectedAt?: string;
  mitigatedAt?: string;
  resolvedAt?: string;
  entityRefs?: readonly string[];
  contributingFactors?: readonly string[];
};

/**
 * How far in the future an incident time may be, for clock skew.
 *
 * @public
 */
export const POSTMORTEM_CLOCK_SKEW_MS = 5 * 60_000;

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(year: string, month: string, day: string): boolean {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return (
    date.getUTCFullYear() === Number(year) &&
    date.getUTCMonth() === Number(month) - 1 &&
    date.getUTCDate() === Number(day)
  );
}

/**
 * Whether the value is an ISO-8601 timestamp with a time zone (`Z` or an offset),
 * such as `2026-11-02T14:05:00Z`, on a real calendar date.
 *
 * @public
 */
export function isIsoDateTime(value: string): boolean {
  const match = ISO_DATE_TIME.exec(value);
  return (
    !!match &&
    isCalendarDate(match[1], match[2], match[3]) &&
    Number.isFinite(Date.parse(value))
  );
}

/** @public Whether the value is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  return !!match && isCalendarDate(match[1], match[2], match[3]);
}

/**
 * Whether the value is an absolute `http:` or `https:` URL. Other schemes
 * (`javascript:`, `data:`, `file:`) are refused so that links render safely.
 *
 * @public
 */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') && !!url.hostname
    );
  } catch {
    return false;
  }
}

const blank = (value: string | undefined) => !value || !value.trim();

/**
 * The rules of a postmortem that span fields: what each template requires, and the
 * order of the incident times. Formats and lengths are checked separately; times that
 * are not ISO timestamps are skipped here. Returns every problem, in field order.
 *
 * - quick and full: `title`, `severity`, `startedAt`, `summary` and one `entityRefs`;
 * - full: also `impact`, `detectedAt`, `resolvedAt`, and once `published` at least
 *   one of `contributingFactors`;
 * - `detectedAt`, `mitigatedAt` and `resolvedAt` not before `startedAt`, `resolvedAt`
 *   not before `mitigatedAt`, and none more than 5 minutes in the future.
 *
 * @public
 */
export function validatePostmortemRules(
  input: PostmortemRulesInput,
  options?: { now?: Date },
): PostmortemProblem[] {
  const problems: PostmortemProblem[] = [];
  const full = input.template === 'full';
  const need = (field: string, missing: boolean, forFull = false) => {
    if (missing) {
      problems.push({
        field,
        message: forFull ? 'is required for a full postmortem' : 'is required',
      });
    }
  };
  need('title', blank(input.title));
  need('severity', blank(input.severity));
  need('startedAt', blank(input.startedAt));
  need('detectedAt', full && blank(input.detectedAt), true);
  need('resolvedAt', full && blank(input.resolvedAt), true);
  need('entityRefs', !input.entityRefs?.length);
  need('summary', blank(input.summary));
  need('impact', full && blank(input.impact), true);
  if (
    full &&
    input.status === 'published' &&
    !input.contributingFactors?.some(f => !blank(f))
  ) {
    problems.push({
      field: 'contributingFactors',
      message: 'needs at least one entry before a full postmortem is published',
    });
  }

  const time = (value: string | undefined) =>
    value && isIsoDateTime(value) ? Date.parse(value) : undefined;
  const started = time(input.startedAt);
  const mitigated = time(input.mitigatedAt);
  const nowMs = (options?.now ?? new Date()).getTime();
  for (const field of [
    'startedAt',
    'detectedAt',
    'mitigatedAt',
    'resolvedAt',
  ] as const) {
    const at = time(input[field]);
    if (at === undefined) continue;
    if (at > nowMs + POSTMORTEM_CLOCK_SKEW_MS) {
      problems.push({ field, message: `${input[field]} is in the future` });
    } else if (field !== 'startedAt' && started !== undefined && at < started) {
      problems.push({
        field,
        message: `${input[field]} is before startedAt ${input.startedAt}`,
      });
    } else if (
      field === 'resolvedAt' &&
      mitigated !== undefined &&
      at < mitigated
    ) {
      problems.push({
        field,
        message: `${input[field]} is before mitigatedAt ${input.mitigatedAt}`,
      });
    }
  }
  return problems;
}
