import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod/v4';
import {
  ACTION_ITEM_PRIORITIES,
  ACTION_ITEM_STATUSES,
  POSTMORTEM_LIMITS as LIMITS,
  POSTMORTEM_SEVERITIES,
  POSTMORTEM_STATUSES,
  POSTMORTEM_TEMPLATES,
} from './constants';
import { isHttpUrl, isIsoDate, isIsoDateTime } from './rules';

// The shapes, formats and documented limits of a postmortem write body, shared by
// the backend (which refuses a bad body with 400) and the form (which shows the same
// messages before sending). The rules that span fields are in `rules.ts`; both are
// applied together by `checkPostmortemRequest`.

// The catalog's own rules for names, namespaces and kinds.
const NAME = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$/;
const KIND = /^[a-zA-Z][a-zA-Z0-9-]{0,62}$/;
/** Lower case after trimming; letters, digits and `+#._:/-`, like catalog tags plus a few. */
const TAG = /^[a-z0-9][a-z0-9+#._:/-]*$/;

const required =
  (what: string) =>
  (issue: { input: unknown }): string =>
    issue.input === undefined ? 'is required' : `must be ${what}`;

const noNul = (value: string) => !value.includes('\u0000');

function text(max: number) {
  return z
    .string({ error: required('a string') })
    .max(max, { error: `must be at most ${max} characters` })
    .refine(noNul, { error: 'must not contain NUL characters' });
}

function nonEmptyText(max: number) {
  return text(max).refine(value => value.trim().length > 0, {
    error: 'must not be empty',
  });
}

/** Absent, null and blank all mean "not given". */
function optional<T extends z.ZodType<string>>(schema: T) {
  return z
    .preprocess(
      value => (value === null || value === '' ? undefined : value),
      schema.optional(),
    )
    .transform(value =>
      typeof value === 'string' && value.trim() ? value : undefined,
    );
}

const timestamp = z
  .string({ error: required('an ISO-8601 timestamp') })
  .refine(isIsoDateTime, {
    error:
      'must be an ISO-8601 timestamp with a time zone, such as 2026-11-02T14:05:00Z',
    // zod 3.25's zod/v4 (4.0) runs the transform after a failed refine otherwise.
    abort: true,
  })
  .transform(value => new Date(value).toISOString());

const httpUrl = z
  .string({ error: required('a URL') })
  .max(LIMITS.url, { error: `must be at most ${LIMITS.url} characters` })
  .refine(isHttpUrl, { error: 'must be an http or https URL' });

function entityRef(options: {
  defaultKind?: string;
  kinds?: string[];
  example: string;
}) {
  return z
    .string({ error: required(`an entity ref such as ${options.example}`) })
    .max(255, { error: 'must be at most 255 characters' })
    .transform((value, ctx) => {
      try {
        const ref = parseEntityRef(value.trim(), {
          defaultKind: options.defaultKind,
          defaultNamespace: 'default',
        });
        const kind = ref.kind.toLocaleLowerCase('en-US');
        if (
          KIND.test(ref.kind) &&
          NAME.test(ref.namespace) &&
          NAME.test(ref.name) &&
          (!options.kinds || options.kinds.includes(kind))
        ) {
          return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
        }
      } catch {
        // reported below
      }
      ctx.addIssue({
        code: 'custom',
        message: `must be ${
          options.kinds
            ? `a ${options.kinds.join(' or ')} ref`
            : 'an entity ref'
        } such as ${options.example}, not "${value.slice(0, 80)}"`,
      });
      return z.NEVER;
    });
}

function list<T extends z.ZodType>(item: T, max: number, what: string) {
  return z
    .array(item, { error: `must be an array of ${what}` })
    .max(max, { error: `must hold at most ${max} ${what}` })
    .nullish()
    .transform(value => value ?? []);
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, {
    error: issue =>
      issue.input === undefined
        ? 'is required'
        : `must be one of ${values.join(', ')}`,
  });
}

const impactedSlo = z
  .object(
    {
      sloRef: entityRef({
        defaultKind: 'slo',
        kinds: ['slo'],
        example: 'slo:default/checkout-availability',
      }),
      budgetConsumed: z
        .number({ error: required('a number (a fraction of the budget)') })
        .min(0, { error: 'must not be negative' })
        .max(LIMITS.budgetConsumed, {
          error: `must be at most ${LIMITS.budgetConsumed} (a fraction: 1 is the whole budget)`,
        })
        .optional(),
      computed: z
        .boolean({ error: 'must be true or false' })
        .optional()
        .transform(value => value ?? false),
    },
    { error: 'must be an object' },
  )
  .strict();

const timelineEntry = z
  .object(
    {
      at: timestamp,
      description: nonEmptyText(LIMITS.timelineDescription),
    },
    { error: 'must be an object' },
  )
  .strict();

const link = z
  .object(
    { title: nonEmptyText(LIMITS.linkTitle), url: httpUrl },
    { error: 'must be an object' },
  )
  .strict();

const actionItem = z
  .object(
    {
      id: z
        .string({ error: 'must be a string' })
        .max(64, { error: 'is not an action item id' })
        .optional(),
      title: nonEmptyText(LIMITS.actionItemTitle),
      owner: entityRef({
        kinds: ['user', 'group'],
        example: 'group:default/checkout-team',
      }),
      dueDate: optional(
        z.string().refine(isIsoDate, {
          error: 'must be a date written YYYY-MM-DD',
        }),
      ),
      priority: oneOf(ACTION_ITEM_PRIORITIES),
      status: oneOf(ACTION_ITEM_STATUSES)
        .optional()
        .transform(value => value ?? 'open'),
      trackingUrl: optional(httpUrl),
    },
    { error: 'must be an object' },
  )
  .strict();

const tag = z
  .string({ error: 'must be a string' })
  .transform(value => value.trim().toLocaleLowerCase('en-US'))
  .pipe(
    z
      .string()
      .min(1, { error: 'must not be empty' })
      .max(LIMITS.tag, { error: `must be at most ${LIMITS.tag} characters` })
      .regex(TAG, {
        error:
          'must start with a letter or digit and hold only letters, digits and + # . _ : / -',
      }),
  );

/** Fields the server owns: a fetched postmortem may carry them back; they are ignored. */
const readOnly = {
  id: z.unknown().optional(),
  createdAt: z.unknown().optional(),
  createdBy: z.unknown().optional(),
  updatedAt: z.unknown().optional(),
  updatedBy: z.unknown().optional(),
  ownerRefs: z.unknown().optional(),
  policy: z.unknown().optional(),
};

const content = {
  // Filled in from `defaultTemplate` below: quick on create, the stored one on update.
  template: oneOf(POSTMORTEM_TEMPLATES).optional(),
  title: text(LIMITS.title).transform(value => value.trim()),
  severity: oneOf(POSTMORTEM_SEVERITIES),
  status: oneOf(POSTMORTEM_STATUSES)
    .optional()
    .transform(value => value ?? 'draft'),
  startedAt: timestamp,
  detectedAt: optional(timestamp),
  mitigatedAt: optional(timestamp),
  resolvedAt: optional(timestamp),
  entityRefs: z
    .array(
      entityRef({
        defaultKind: 'component',
        example: 'component:default/checkout-api',
      }),
      { error: required('an array of entity refs') },
    )
    .max(LIMITS.entityRefs, {
      error: `must hold at most ${LIMITS.entityRefs} entity refs`,
    })
    .transform(refs => [...new Set(refs)]),
  impactedSlos: list(impactedSlo, LIMITS.impactedSlos, 'impacted SLOs'),
  summary: text(LIMITS.text),
  impact: optional(text(LIMITS.text)),
  timeline: list(timelineEntry, LIMITS.timelineEntries, 'timeline entries'),
  contributingFactors: list(
    nonEmptyText(LIMITS.contributingFactor),
    LIMITS.contributingFactors,
    'contributing factors',
  ),
  wentWell: optional(text(LIMITS.text)),
  wentPoorly: optional(text(LIMITS.text)),
  lessons: optional(text(LIMITS.text)),
  tags: list(tag, LIMITS.tags, 'tags').transform(tags => [...new Set(tags)]),
  links: list(link, LIMITS.links, 'links'),
  actionItems: list(actionItem, LIMITS.actionItems, 'action items'),
};

/**
 * The body of `POST /api/sre/postmortems`: defaults filled in (except `template`),
 * refs lower-cased and de-duplicated, times in UTC.
 *
 * @public
 */
export const createPostmortemRequestSchema = z
  .object(
    { ...content, ...readOnly, version: z.unknown().optional() },
    { error: 'must be a JSON object' },
  )
  .strict();

/** @public The body of `PUT /api/sre/postmortems/{id}`: as a create, plus `version`. */
export const updatePostmortemRequestSchema = z
  .object(
    {
      ...content,
      ...readOnly,
      version: z
        .number({ error: required('a whole number') })
        .int({ error: 'must be a whole number' })
        .min(1, { error: 'must be at least 1' }),
    },
    { error: 'must be a JSON object' },
  )
  .strict();
