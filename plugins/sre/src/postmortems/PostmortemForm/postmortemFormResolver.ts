import { FieldErrors, Resolver, set } from 'react-hook-form';
import {
  CreatePostmortemRequest,
  checkPostmortemRequest,
} from '@sre-catalog/backstage-plugin-sre-common';
import { FieldError } from '../postmortemErrors';
import {
  BuiltPostmortemRequest,
  PostmortemFormList,
  PostmortemFormState,
  buildPostmortemRequest,
} from './postmortemFormState';

type RowIndexes = BuiltPostmortemRequest['rowIndexes'];

/** The form input of a row whose request field is named differently. */
const ROW_FIELDS: Partial<Record<PostmortemFormList, Record<string, string>>> =
  {
    // A factor is a plain string in the request, an object with `text` in the form.
    contributingFactors: { '': 'text' },
    impactedSlos: { budgetConsumed: 'budgetPercent' },
  };

const LIST =
  /^(timeline|contributingFactors|links|impactedSlos|actionItems)(?=$|\[)(?:\[(\d+)\](?:\.(\w+))?)?(.*)$/;

/** `entityRefs[2]` as react-hook-form names it: `entityRefs.2`. */
const dotted = (field: string) => field.replace(/\[(\d+)\]/g, '.$1');

/**
 * The form path of a request field: `actionItems[1].owner` becomes
 * `actionItems.3.owner` when rows 0 and 2 of the form were empty and not sent, so
 * that the error lands on the row the user sees. An error about a whole list goes to
 * its `root`, as react-hook-form keeps them for field arrays.
 */
export function formPathOf(field: string, rowIndexes: RowIndexes): string {
  const match = LIST.exec(field);
  if (!match) return dotted(field);
  const list = match[1] as PostmortemFormList;
  const [, , index, rowField = '', rest] = match;
  if (index === undefined) return `${list}.root`;
  const row = rowIndexes[list][Number(index)] ?? Number(index);
  const input = ROW_FIELDS[list]?.[rowField] ?? rowField;
  return [list, row, input]
    .filter(part => part !== '')
    .join('.')
    .concat(dotted(rest));
}

/** What the shared checker finds in the request, the first problem per field. */
function problemsOf(request: CreatePostmortemRequest): FieldError[] {
  const checked = checkPostmortemRequest(request, {
    mode: 'create',
    now: new Date(),
  });
  if (checked.success) return [];
  const seen = new Set<string>();
  return checked.problems.flatMap(({ field, message }) => {
    if (seen.has(field)) return [];
    seen.add(field);
    return [{ field, message }];
  });
}

/** The problems as react-hook-form errors at their form paths, the first one each. */
export function formErrorsOf(
  problems: FieldError[],
  rowIndexes: RowIndexes,
): FieldErrors<PostmortemFormState> {
  const errors: FieldErrors<PostmortemFormState> = {};
  const taken = new Set<string>();
  for (const { field, message } of problems) {
    const path = formPathOf(field, rowIndexes);
    if (taken.has(path)) continue;
    taken.add(path);
    // Row errors in arrays, so that removing a row moves the errors of the rows after it.
    const [list] = path.split('.');
    if (LIST.test(list) && !(errors as Record<string, unknown>)[list]) {
      set(errors, list, []);
    }
    set(errors, path, { type: 'checkPostmortemRequest', message });
  }
  return errors;
}

/** The form checked as the request it sends: the request, or what is wrong. */
export function checkPostmortemForm(values: PostmortemFormState): {
  request: CreatePostmortemRequest;
  rowIndexes: RowIndexes;
  problems: FieldError[];
} {
  const { request, rowIndexes } = buildPostmortemRequest(values);
  return { request, rowIndexes, problems: problemsOf(request) };
}

/**
 * A react-hook-form resolver on the shared `checkPostmortemRequest`, so that the form
 * and the backend judge the same body. Valid, it hands the request to the submit
 * handler. `onProblems` gets every outcome's list, in the checker's order and with
 * the request's field names, for the summary above the form (react-hook-form keeps
 * errors by field only).
 */
export function createPostmortemFormResolver(
  onProblems: (problems: FieldError[]) => void = () => {},
): Resolver<PostmortemFormState, unknown, CreatePostmortemRequest> {
  return async values => {
    const { request, rowIndexes, problems } = checkPostmortemForm(values);
    onProblems(problems);
    return problems.length > 0
      ? { values: {}, errors: formErrorsOf(problems, rowIndexes) }
      : { values: request, errors: {} };
  };
}
