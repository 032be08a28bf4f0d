/**
 * Numbers for entity refs, so that per-caller answers are bit sets rather than sets
 * of strings. Bounded: numbering the ref past `maxRefs` starts over (a new
 * `generation`), and numbers of an older generation mean nothing any more.
 */
export class RefNumbering {
  private readonly ids = new Map<string, number>();
  private readonly refs: string[] = [];
  private currentGeneration = 0;

  constructor(private readonly maxRefs: number) {}

  get generation(): number {
    return this.currentGeneration;
  }

  /** The numbers of `refs` in one generation (the current one at the end), or undefined if they do not fit. */
  idsOf(refs: string[]): number[] | undefined {
    if (refs.length > this.maxRefs) return undefined;
    const generation = this.currentGeneration;
    const ids = refs.map(ref => this.idOf(ref));
    if (generation === this.currentGeneration) return ids;
    // Numbering started over on the way: number them all in the new generation.
    const again = this.currentGeneration;
    const renumbered = refs.map(ref => this.idOf(ref));
    return again === this.currentGeneration ? renumbered : undefined;
  }

  /** The ref numbered `id` in the current generation. */
  refOf(id: number): string {
    return this.refs[id];
  }

  private idOf(ref: string): number {
    let id = this.ids.get(ref);
    if (id === undefined) {
      if (this.refs.length >= this.maxRefs) {
        this.ids.clear();
        this.refs.length = 0;
        this.currentGeneration += 1;
      }
      id = this.refs.length;
      this.ids.set(ref, id);
      this.refs.push(ref);
    }
    return id;
  }
}
