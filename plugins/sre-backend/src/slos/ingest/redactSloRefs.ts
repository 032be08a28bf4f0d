/** Words of an error text that could be an SLO ref, or part of one. */
const WORD = /[A-Za-z0-9](?:[A-Za-z0-9._:/-]*[A-Za-z0-9])?/g;

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/**
 * The forms an SLO ref can take in a database error or a log line, lower case:
 * `slo:namespace/name`, `namespace/name` and `name`.
 */
export function sloRefForms(refs: Iterable<string>): Set<string> {
  const forms = new Set<string>();
  for (const ref of refs) {
    const full = lower(ref);
    const path = full.slice(full.indexOf(':') + 1);
    forms.add(full);
    forms.add(path);
    forms.add(path.slice(path.indexOf('/') + 1));
  }
  return forms;
}

/**
 * The text with each word that `isRedacted` picks (given in lower case) replaced
 * by `placeholder`: what an error may say of SLOs its reader must not learn of.
 * One pass over the words, whatever the number of refs to hide; it may hide a
 * word that only looks like one of them.
 */
export function redactSloRefs(
  text: string,
  isRedacted: (word: string) => boolean,
  placeholder: string,
): string {
  return text.replace(WORD, word =>
    isRedacted(lower(word)) ? placeholder : word,
  );
}
