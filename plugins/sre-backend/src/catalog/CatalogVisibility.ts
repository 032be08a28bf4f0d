import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { RefreshAheadCache } from '../ownership/RefreshAheadCache';
import { BitSet } from './BitSet';
import { principalKey } from './principalKey';
import { RefNumbering } from './RefNumbering';

/** Refs per catalog call: batches, but bounded request bodies. */
const REFS_PER_CALL = 1000;
/** The catalog look-ups only need to know whether an entity comes back. */
const FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];

/** How long a caller's answers are reused unless told otherwise (`sre.visibility.cacheTtl`). */
export const DEFAULT_VISIBILITY_CACHE_TTL_MS = 10_000;

/** How a {@link CatalogVisibility} decides and remembers. */
export type CatalogVisibilityOptions = {
  /**
   * Whether a ref that the plugin's own credentials cannot find either (the entity
   * is not, or no longer, in the catalog) counts as hidden. Postmortems: no, so
   * that those of decommissioned services stay readable. SLOs: yes.
   */
  missingIsHidden: boolean;
  /**
   * Whether "hidden" answers are reused too; without it only "visible" ones are,
   * so that a new entity (or a new right to see one) counts at once. Default true.
   */
  cacheHidden?: boolean;
  /**
   * The oldest answer reused, counted from the start of the catalog call that gave
   * it: an entity newly hidden from a caller can stay in what it is shown this long.
   * 0 asks the catalog on every call. Default 10 s.
   */
  ttlMs?: number;
  /**
   * From this age on, a caller's answers are still served while all of them are
   * asked again in one background pass (refresh-ahead), so that a busy caller never
   * waits for the catalog. Default `ttlMs`: no refresh ahead, an answer older than
   * `ttlMs` is asked again when next needed.
   */
  refreshAfterMs?: number;
  /** Callers whose answers are kept at once. Default 500. */
  maxPrincipals?: number;
  /** Distinct refs numbered for the bit sets; beyond it, everything starts over. Default 200,000. */
  maxKnownRefs?: number;
  /** For tests. */
  clock?: () => number;
};

/** One caller's answers, as numbers of one generation of the ref numbering. */
type CallerAnswers = {
  generation: number;
  checked: BitSet;
  hidden: BitSet;
};

/** A catalog look-up running for one caller, that its other requests wait for. */
type RunningLookUp = { refs: Set<string>; hidden: Promise<Set<string>> };

const emptyAnswers = (generation: number): CallerAnswers => ({
  generation,
  checked: new BitSet(),
  hidden: new BitSet(),
});

/**
 * Which entity refs the catalog hides from a caller, asked in batch calls (never
 * one call per record) with the credentials given: the caller's own, or what
 * `catalogCredentialsFor` gives once a permission decision allowed the action.
 *
 * Answers are kept per principal (principalKey: never one caller's for another)
 * in a {@link RefreshAheadCache}: a ref is asked when a caller first needs it, and
 * requests of one caller needing the same unasked refs share one look-up. With
 * `refreshAfterMs`, a busy caller's refs are asked again in one background pass,
 * so the catalog is asked about the refs a caller's lists name about once per
 * `refreshAfterMs` per caller, not once per request.
 *
 * Memory: at most `maxPrincipals` callers' answers of two bits per known ref, plus
 * one table of at most `maxKnownRefs` refs shared by all of them (about 50 KB per
 * caller and 20 MB for the table at the defaults' worst).
 */
export class CatalogVisibility {
  private readonly numbering: RefNumbering;
  private answers: RefreshAheadCache<CallerAnswers>;
  private answersGeneration: number;
  private readonly running = new Map<string, RunningLookUp[]>();
  private readonly missingIsHidden: boolean;
  private readonly cacheHidden: boolean;
  private readonly ttlMs: number;
  private readonly refreshAfterMs: number;
  private readonly maxPrincipals: number;
  private readonly clock?: () => number;

  constructor(
    private readonly deps: { catalog: CatalogService; auth: AuthService },
    options: CatalogVisibilityOptions,
  ) {
    this.missingIsHidden = options.missingIsHidden;
    this.cacheHidden = options.cacheHidden ?? true;
    this.ttlMs = options.ttlMs ?? DEFAULT_VISIBILITY_CACHE_TTL_MS;
    this.refreshAfterMs = Math.min(
      options.refreshAfterMs ?? this.ttlMs,
      this.ttlMs,
    );
    this.maxPrincipals = options.maxPrincipals ?? 500;
    this.clock = options.clock;
    this.numbering = new RefNumbering(options.maxKnownRefs ?? 200_000);
    this.answersGeneration = this.numbering.generation;
    this.answers = this.newAnswersCache();
  }

  /** The refs among `refs` that the caller cannot see (see `missingIsHidden`). */
  async hiddenRefs(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const unique = [...new Set(refs)];
    if (!unique.length) {
      // A token with access restrictions gets the catalog's answer (usually a
      // refusal) even with nothing to ask: an empty list must not tell it which
      // of the things it names exist.
      if (
        this.deps.auth.isPrincipal(credentials, 'service') &&
        credentials.principal.accessRestrictions
      ) {
        await this.deps.catalog.getEntitiesByRefs(
          { entityRefs: [], fields: FIELDS },
          { credentials },
        );
      }
      return new Set();
    }
    const key =
      this.ttlMs > 0 ? principalKey(this.deps.auth, credentials) : undefined;
    const ids = key ? this.numbering.idsOf(unique) : undefined;
    if (!key || !ids) return this.lookUp(unique, credentials);
    const generation = this.numbering.generation;
    const answers = await this.answersOf(key, credentials);
    // Numbers of another generation say nothing about these refs.
    const usable = answers.generation === generation;
    const hidden = new Set<string>();
    const unchecked: string[] = [];
    const uncheckedIds = new Map<string, number>();
    unique.forEach((ref, i) => {
      if (!usable || !answers.checked.has(ids[i])) {
        unchecked.push(ref);
        uncheckedIds.set(ref, ids[i]);
      } else if (answers.hidden.has(ids[i])) {
        hidden.add(ref);
      }
    });
    if (!unchecked.length) return hidden;
    const found = await this.hiddenAmongUnasked(
      key,
      unchecked,
      credentials,
      usable
        ? (asked, hiddenOfAsked) =>
            this.remember(
              answers,
              asked,
              asked.map(ref => uncheckedIds.get(ref)!),
              hiddenOfAsked,
            )
        : undefined,
    );
    for (const ref of found) hidden.add(ref);
    return hidden;
  }

  private newAnswersCache(): RefreshAheadCache<CallerAnswers> {
    return new RefreshAheadCache<CallerAnswers>({
      refreshAfterMs: this.refreshAfterMs,
      maxAgeMs: this.ttlMs,
      maxEntries: this.maxPrincipals,
      clock: this.clock,
    });
  }

  /** The caller's answers: none yet, or young enough to serve. */
  private answersOf(
    key: string,
    credentials: BackstageCredentials,
  ): Promise<CallerAnswers> {
    if (this.answersGeneration !== this.numbering.generation) {
      // The numbering started over: every kept answer lost its meaning.
      this.answers = this.newAnswersCache();
      this.answersGeneration = this.numbering.generation;
    }
    return this.answers.get(key, replacing =>
      this.reloaded(replacing, credentials),
    );
  }

  /**
   * New answers for a caller: empty when there were none (each ref is then asked
   * when first needed), else every ref of the answers they replace asked again in
   * one pass, with the credentials of the request that found them old.
   */
  private async reloaded(
    replacing: CallerAnswers | undefined,
    credentials: BackstageCredentials,
  ): Promise<CallerAnswers> {
    const generation = this.numbering.generation;
    const fresh = emptyAnswers(generation);
    if (!replacing || replacing.generation !== generation) return fresh;
    const ids: number[] = [];
    replacing.checked.forEach(id => ids.push(id));
    const refs = ids.map(id => this.numbering.refOf(id));
    if (refs.length) {
      this.remember(fresh, refs, ids, await this.lookUp(refs, credentials));
    }
    return fresh;
  }

  /**
   * Of refs not in the caller's answers, those hidden from it: a ref that another
   * request of the same caller is asking about waits for that answer, the others
   * are asked in one look-up of this request, whose answers `remember` keeps.
   */
  private async hiddenAmongUnasked(
    key: string,
    refs: string[],
    credentials: BackstageCredentials,
    remember?: (asked: string[], hidden: Set<string>) => void,
  ): Promise<string[]> {
    const running = this.running.get(key) ?? [];
    const waitFor = new Map<RunningLookUp, string[]>();
    const own: string[] = [];
    for (const ref of refs) {
      const shared = running.find(r => r.refs.has(ref));
      if (!shared) own.push(ref);
      else if (waitFor.has(shared)) waitFor.get(shared)!.push(ref);
      else waitFor.set(shared, [ref]);
    }
    const parts = [...waitFor].map(async ([lookUp, mine]) => {
      const hidden = await lookUp.hidden;
      return mine.filter(ref => hidden.has(ref));
    });
    if (own.length) {
      const lookUp: RunningLookUp = {
        refs: new Set(own),
        hidden: this.lookUp(own, credentials),
      };
      this.running.set(key, [...running, lookUp]);
      const done = () => {
        const left = (this.running.get(key) ?? []).filter(r => r !== lookUp);
        if (left.length) this.running.set(key, left);
        else this.running.delete(key);
      };
      parts.push(
        lookUp.hidden.then(
          hidden => {
            done();
            remember?.(own, hidden);
            return own.filter(ref => hidden.has(ref));
          },
          error => {
            done();
            throw error;
          },
        ),
      );
    }
    return (await Promise.all(parts)).flat();
  }

  /** Keeps the answers for `refs` (numbered `ids` in `answers`' generation). */
  private remember(
    answers: CallerAnswers,
    refs: string[],
    ids: number[],
    hidden: Set<string>,
  ) {
    refs.forEach((ref, i) => {
      const isHidden = hidden.has(ref);
      if (isHidden && !this.cacheHidden) return;
      answers.checked.add(ids[i]);
      if (isHidden) answers.hidden.add(ids[i]);
    });
  }

  /** Of `refs` (not yet known for these credentials), those hidden from them. */
  private async lookUp(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const missing = await this.missing(refs, credentials);
    if (this.missingIsHidden) return new Set(missing);
    // A service principal is forwarded as the plugin: it finds all there is.
    if (!missing.length || this.deps.auth.isPrincipal(credentials, 'service')) {
      return new Set();
    }
    const gone = new Set(
      await this.missing(
        missing,
        await this.deps.auth.getOwnServiceCredentials(),
      ),
    );
    return new Set(missing.filter(ref => !gone.has(ref)));
  }

  /** The refs the catalog does not return to these credentials. */
  private async missing(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const missing: string[] = [];
    for (let i = 0; i < refs.length; i += REFS_PER_CALL) {
      const chunk = refs.slice(i, i + REFS_PER_CALL);
      const { items } = await this.deps.catalog.getEntitiesByRefs(
        { entityRefs: chunk, fields: FIELDS },
        { credentials },
      );
      chunk.forEach((ref, j) => {
        if (!items[j]) missing.push(ref);
      });
    }
    return missing;
  }
}
