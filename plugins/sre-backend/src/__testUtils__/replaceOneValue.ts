/**
 * For property tests of parsers: a copy of a JSON body with one value replaced by
 * `value`, or with `remove` one field of an object deleted (an array entry is
 * replaced instead). Every field and array entry, at any depth, is a slot;
 * `target` picks one, modulo their number. A body without any is replaced whole.
 */
export function replaceOneValue(
  body: unknown,
  target: number,
  value: unknown,
  remove: boolean,
): unknown {
  const copy = JSON.parse(JSON.stringify(body));
  const slots: Array<[Record<string, unknown> | unknown[], string | number]> =
    [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        slots.push([node, i]);
        walk(child);
      });
    } else if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        slots.push([node as Record<string, unknown>, key]);
        walk(child);
      }
    }
  };
  walk(copy);
  if (slots.length === 0) return value;
  const [parent, key] = slots[target % slots.length];
  if (remove && !Array.isArray(parent)) delete parent[key as string];
  else (parent as Record<string | number, unknown>)[key] = value;
  return copy;
}
