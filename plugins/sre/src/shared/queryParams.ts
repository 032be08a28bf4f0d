/**
 * `params` with `name` set to `value`, or without `name` when `value` is empty: the
 * query string of a view whose filters live in the URL, so that a link opens the
 * same list.
 */
export function withQueryParam(
  params: URLSearchParams,
  name: string,
  value: string | undefined,
): URLSearchParams {
  const next = new URLSearchParams(params);
  if (value) next.set(name, value);
  else next.delete(name);
  return next;
}
