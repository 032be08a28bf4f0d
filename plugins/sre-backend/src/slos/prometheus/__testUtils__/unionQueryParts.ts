/** One side of one SLO, as a fake Prometheus sees it in a union query. */
export type UnionQueryPart = {
  expression: string;
  slo: string;
  side: string;
  nonce: string;
};

/** A side's expression inside the labels that name its SLO, side and nonce. */
const PART =
  /label_replace\(label_replace\(label_replace\((.*?), "sre_slo", "((?:[^"\\]|\\.)*)", "", ""\), "sre_side", "(good|bad|total)", "", ""\), "sre_nonce", "([0-9a-f]+)", "", ""\)/g;

/** Reads a union query back into its parts (undoing the string escaping). */
export function unionQueryParts(query: string): UnionQueryPart[] {
  return [...query.matchAll(PART)].map(
    ([, expression, quotedRef, side, nonce]) => ({
      expression,
      slo: (JSON.parse(`"${quotedRef}"`) as string).replace(/\$\$/g, '$'),
      side,
      nonce,
    }),
  );
}
