import type { z } from 'zod/v4';
import {
  createPostmortemRequestSchema,
  updatePostmortemRequestSchema,
} from './postmortemRequestSchema';
import { PostmortemRulesInput, validatePostmortemRules } from './rules';
import type { PostmortemTemplate } from './types';

/**
 * A create or update body after validation: defaults filled, refs and times
 * normalised, the template decided.
 *
 * @public
 */
export type ParsedPostmortemRequest = Omit<
  z.output<typeof createPostmortemRequestSchema>,
  'version' | 'template'
> & {
  template: PostmortemTemplate;
  /** Update only: the version the edit is based on. */
  version?: number;
};

/**
 * What is wrong with one field of a postmortem body: its wire name
 * (`actionItems[1].owner`), its path as segments, and why.
 *
 * @public
 */
export type PostmortemRequestProblem = {
  field: string;
  path: (string | number)[];
  message: string;
};

/** @public Options of {@link checkPostmortemRequest}. */
export type CheckPostmortemRequestOptions = {
  mode: 'create' | 'update';
  /** For the rule that incident times are not in the future. */
  now: Date;
  /** The template of a body without one (the stored one on update); quick by default. */
  defaultTemplate?: PostmortemTemplate;
};

/** @public The outcome of {@link checkPostmortemRequest}. */
export type CheckPostmortemRequestResult =
  | { success: true; data: ParsedPostmortemRequest }
  | { success: false; problems: PostmortemRequestProblem[] };

function fieldOf(path: PropertyKey[]): string {
  return (
    path
      .map(p => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '') || 'body'
  );
}

function problemAt(
  path: (string | number)[],
  message: string,
): PostmortemRequestProblem {
  return { field: fieldOf(path), path, message };
}

/** The fields the cross-field rules read, from a body that failed the schema. */
function rulesInputOf(body: unknown): PostmortemRulesInput {
  if (!body || typeof body !== 'object') return {};
  const record = body as Record<string, unknown>;
  const pick = (key: string) =>
    typeof record[key] === 'string' ? (record[key] as string) : undefined;
  const strings = (key: string) =>
    Array.isArray(record[key])
      ? (record[key] as unknown[]).filter(
          (v): v is string => typeof v === 'string',
        )
      : undefined;
  return {
    template: pick('template') as PostmortemTemplate | undefined,
    status: pick('status') as PostmortemRulesInput['status'],
    title: pick('title'),
    severity: pick('severity'),
    summary: pick('summary'),
    impact: pick('impact'),
    startedAt: pick('startedAt'),
    detectedAt: pick('detectedAt'),
    mitigatedAt: pick('mitigatedAt'),
    resolvedAt: pick('resolvedAt'),
    entityRefs: strings('entityRefs'),
    contributingFactors: strings('contributingFactors'),
  };
}

/** Refs and ids that must not repeat within one postmortem. */
function duplicatesOf(
  request: ParsedPostmortemRequest,
): PostmortemRequestProblem[] {
  const problems: PostmortemRequestProblem[] = [];
  const seenSlos = new Set<string>();
  request.impactedSlos.forEach((slo, i) => {
    if (seenSlos.has(slo.sloRef)) {
      problems.push(
        problemAt(['impactedSlos', i, 'sloRef'], `${slo.sloRef} appears twice`),
      );
    }
    seenSlos.add(slo.sloRef);
  });
  const seenItems = new Set<string>();
  request.actionItems.forEach((item, i) => {
    if (item.id === undefined) return;
    if (seenItems.has(item.id)) {
      problems.push(
        problemAt(['actionItems', i, 'id'], `${item.id} appears twice`),
      );
    }
    seenItems.add(item.id);
  });
  return problems;
}

/**
 * Checks a create or update body of a postmortem: shapes, formats and documented
 * limits (the zod schema), repeated refs and ids, and the cross-field rules of the
 * template. Returns the parsed body, or every problem found, the most basic first:
 * the backend reports the first, the form shows them all next to their fields.
 *
 * @public
 */
export function checkPostmortemRequest(
  body: unknown,
  options: CheckPostmortemRequestOptions,
): CheckPostmortemRequestResult {
  const schema =
    options.mode === 'create'
      ? createPostmortemRequestSchema
      : updatePostmortemRequestSchema;
  const parsed = schema.safeParse(body);
  const fallbackTemplate = options.defaultTemplate ?? 'quick';
  const rulesOf = (input: PostmortemRulesInput) =>
    validatePostmortemRules(input, { now: options.now }).map(p =>
      problemAt([p.field], p.message),
    );

  if (!parsed.success) {
    const problems = parsed.error.issues.map(issue =>
      problemAt(
        issue.path as (string | number)[],
        issue.code === 'unrecognized_keys'
          ? `unknown field ${issue.keys.join(', ')}`
          : issue.message,
      ),
    );
    // The rules too, on what can be read, so that a form lists every missing field.
    const input = rulesInputOf(body);
    problems.push(
      ...rulesOf({ ...input, template: input.template ?? fallbackTemplate }),
    );
    return { success: false, problems };
  }

  const request = {
    ...parsed.data,
    template: parsed.data.template ?? fallbackTemplate,
    version:
      typeof parsed.data.version === 'number' ? parsed.data.version : undefined,
  };
  const problems = [...duplicatesOf(request), ...rulesOf(request)];
  return problems.length > 0
    ? { success: false, problems }
    : { success: true, data: request };
}
