import {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ListSliDeadLettersResponse,
  SliDeadLetter,
  sloDeadLetterManagePermission,
} from '@sre-catalog/backstage-plugin-sre-common';
import { CatalogVisibility } from '../../catalog/CatalogVisibility';
import { catalogCredentialsFor } from '../../catalog/catalogCredentialsFor';
import { SliDeadLetterStore, StoredSliDeadLetter } from '../store/SliStore';
import { redactSloRefs, sloRefForms } from './redactSloRefs';

/** How long a caller's right to see an SLO of a dead letter is reused. */
const VISIBILITY_CACHE_MS = 5_000;

/** What stands for a hidden SLO in a dead letter's error text. */
const HIDDEN_SLO = '<hidden SLO>';

/** Pushers that are catalog entities (services push as subjects, not entities). */
const USER_REF = /^user:[^/\s]+\/\S+$/;

function notFound(id: string) {
  return new NotFoundError(`No SLI dead letter ${id}`);
}

/**
 * The dead letters of the SLI push queue for operators: a list filtered by catalog
 * visibility, and retry and discard behind `sre.slo.deadletter.manage`.
 *
 * Visibility: a letter is listed when the caller can see at least one of its SLOs
 * (or when it names none: an unreadable payload without a recognisable ref); the
 * hidden ones are only counted. An SLO that is gone from the catalog hides nothing
 * (so that its letters can still be discarded). Retry and discard answer 404 for a
 * letter the caller could not list, as for one that does not exist.
 */
export class SliDeadLetterService {
  private readonly visibility: CatalogVisibility;

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      permissions: PermissionsService;
      store: SliDeadLetterStore;
    },
  ) {
    this.visibility = new CatalogVisibility(deps, {
      missingIsHidden: false,
      ttlMs: VISIBILITY_CACHE_MS,
    });
  }

  async list(
    query: { limit: number; offset: number },
    { credentials }: { credentials: BackstageCredentials },
  ): Promise<ListSliDeadLettersResponse> {
    const { store } = this.deps;
    // One catalog look-up (in batches) for every SLO a letter names.
    const refs = await store.deadLetterSloRefs();
    const hidden = await this.visibility.hiddenRefs(refs, credentials);
    const page = await store.listDeadLetters({
      hiddenSloRefs: refs.filter(r => hidden.has(r)),
      limit: query.limit,
      offset: query.offset,
    });
    const pushers = page.items
      .map(l => l.pushedBy)
      .filter((p): p is string => p !== null && USER_REF.test(p));
    const hiddenPushers = await this.visibility.hiddenRefs(
      pushers,
      credentials,
    );
    return {
      totalCount: page.totalCount,
      items: page.items.map(letter => shown(letter, hidden, hiddenPushers)),
    };
  }

  async retry(
    id: string,
    { credentials }: { credentials: BackstageCredentials },
  ): Promise<void> {
    await this.assertMayManage(id, credentials);
    if (!(await this.deps.store.retryDeadLetter(id))) throw notFound(id);
  }

  async discard(
    id: string,
    { credentials }: { credentials: BackstageCredentials },
  ): Promise<void> {
    await this.assertMayManage(id, credentials);
    if (!(await this.deps.store.discardDeadLetter(id))) throw notFound(id);
  }

  /**
   * The permission first, for users and services alike (so that a token's access
   * restrictions apply); then the letter, which must exist and name an SLO the
   * caller can see (or none).
   */
  private async assertMayManage(id: string, credentials: BackstageCredentials) {
    const { permissions, store, auth } = this.deps;
    const [decision] = await permissions.authorize(
      [{ permission: sloDeadLetterManagePermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Retrying or discarding SLI dead letters needs the ${sloDeadLetterManagePermission.name} permission`,
      );
    }
    const refs = await store.sloRefsOfDeadLetter(id);
    if (!refs) throw notFound(id);
    if (!refs.length) return;
    const hidden = await this.visibility.hiddenRefs(
      refs,
      await catalogCredentialsFor(auth, credentials),
    );
    if (hidden.size === refs.length) throw notFound(id);
  }
}

function shown(
  letter: StoredSliDeadLetter,
  hidden: Set<string>,
  hiddenPushers: Set<string>,
): SliDeadLetter {
  const hiddenRefs = letter.sloRefs.filter(r => hidden.has(r));
  const hiddenForms = sloRefForms(hiddenRefs);
  return {
    id: letter.id,
    receivedAt: new Date(letter.receivedAtMs).toISOString(),
    failedAt: new Date(letter.failedAtMs).toISOString(),
    pushedBy:
      letter.pushedBy && hiddenPushers.has(letter.pushedBy)
        ? null
        : letter.pushedBy,
    // A database error may quote the SLOs.
    error: hiddenRefs.length
      ? redactSloRefs(letter.error, w => hiddenForms.has(w), HIDDEN_SLO)
      : letter.error,
    sloRefs: letter.sloRefs.filter(r => !hidden.has(r)),
    hiddenSloCount: hiddenRefs.length,
    buckets: letter.buckets,
  };
}
