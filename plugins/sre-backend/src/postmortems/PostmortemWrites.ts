import {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import { JsonObject } from '@backstage/types';
import {
  CreatePostmortemRequest,
  POSTMORTEM_RESOURCE_TYPE,
  Postmortem,
  UpdatePostmortemRequest,
  evaluatePostmortemPolicy,
  postmortemCreatePermission,
  postmortemUpdatePermission,
} from '@sre-catalog/backstage-plugin-sre-common';
import { randomUUID } from 'crypto';
import { actorOf } from '../permissions/actorOf';
import { PermissionDeps } from '../permissions/PermissionDeps';
import { SloIncidentsService } from '../slos/SloIncidentsService';
import {
  changedPostmortemFields,
  postmortemFieldChanges,
} from './changedPostmortemFields';
import { impactedSlosOf } from './impactedSlosOf';
import { parsePostmortemRequest } from './parsePostmortemRequest';
import { contentOf, resourceOf } from './postmortemContent';
import { PostmortemEntityResolver } from './PostmortemEntityResolver';
import { postmortemPermissionResourceRef } from './postmortemPermissionRules';
import { PostmortemReadAccess } from './PostmortemReadAccess';
import { PostmortemResource, toWirePostmortem } from './PostmortemResource';
import { PostmortemRequestOptions } from './PostmortemService';
import { PostmortemStore } from './PostmortemStore';

/** Whether a permission decision allows a given postmortem. */
type Decider = (postmortem: PostmortemResource) => boolean;

/**
 * Creating and changing postmortems: the permission decision before and after the
 * write, validation, catalog facts, the policy, and one audit event per write.
 */
export class PostmortemWrites {
  constructor(
    private readonly deps: PermissionDeps & {
      auditor: AuditorService;
      store: PostmortemStore;
      sloIncidents?: SloIncidentsService;
      access: PostmortemReadAccess;
      resolver: PostmortemEntityResolver;
      now: () => Date;
    },
  ) {}

  async create(
    request: CreatePostmortemRequest,
    options: PostmortemRequestOptions,
  ): Promise<Postmortem> {
    return this.audited('postmortem-create', {}, options, async () => {
      const { credentials } = options;
      const by = this.principalOf(credentials);
      // Before the body is read: a caller who may not write learns nothing from it.
      const mayCreate = await this.decider(
        postmortemCreatePermission,
        credentials,
      );
      if (mayCreate === false) {
        throw new NotAllowedError(
          `Writing a postmortem needs the ${postmortemCreatePermission.name} permission`,
        );
      }
      const now = this.deps.now();
      const parsed = parsePostmortemRequest(request, {
        mode: 'create',
        now,
        defaultTemplate: 'quick',
      });
      const content = contentOf(
        parsed,
        await impactedSlosOf(this.deps.sloIncidents, parsed, now),
        new Set(),
      );
      const facts = await this.deps.resolver.resolve(
        content,
        undefined,
        credentials,
      );
      const policy = evaluatePostmortemPolicy(content);
      const id = randomUUID();
      const at = now.toISOString();
      const proposed = resourceOf(
        {
          id,
          version: 1,
          createdAt: at,
          createdBy: by,
          updatedAt: at,
          updatedBy: by,
          policy,
          ...content,
        },
        facts,
      );
      if (mayCreate !== true && !mayCreate(proposed)) {
        throw new NotAllowedError(
          `The postmortem is outside what ${postmortemCreatePermission.name} allows you to write`,
        );
      }
      const changedFields = changedPostmortemFields(undefined, content);
      const created = await this.deps.store.create(id, {
        content,
        ...facts,
        policy,
        changedFields,
        changes: postmortemFieldChanges(undefined, content, changedFields),
        by,
        at: now,
      });
      return {
        result: toWirePostmortem(created),
        meta: { postmortemId: id, version: 1, changedFields },
      };
    });
  }

  async update(
    id: string,
    request: UpdatePostmortemRequest,
    options: PostmortemRequestOptions,
  ): Promise<Postmortem> {
    return this.audited(
      'postmortem-update',
      { postmortemId: id },
      options,
      async () => {
        const { credentials } = options;
        const { store } = this.deps;
        const by = this.principalOf(credentials);
        const stored = await this.deps.access.readable(id, credentials);
        const mayEdit = await this.decider(
          postmortemUpdatePermission,
          credentials,
        );
        if (mayEdit === false || (mayEdit !== true && !mayEdit(stored))) {
          throw new NotAllowedError(
            `Changing postmortem ${id} needs the ${postmortemUpdatePermission.name} permission for it`,
          );
        }
        const now = this.deps.now();
        const parsed = parsePostmortemRequest(request, {
          mode: 'update',
          now,
          defaultTemplate: stored.template,
        });
        if (parsed.id !== undefined && parsed.id !== id) {
          throw new InputError(
            `Invalid id: the body is postmortem ${String(parsed.id).slice(
              0,
              80,
            )}, the path ${id}`,
          );
        }
        if (parsed.version !== stored.version) {
          throw new ConflictError(
            `Postmortem ${id} is at version ${stored.version}, but the edit is based on version ${parsed.version}; reload it and apply the edit again`,
          );
        }
        if (stored.template === 'full' && parsed.template === 'quick') {
          throw new InputError(
            'Invalid template: a full postmortem cannot become a quick one',
          );
        }
        const content = contentOf(
          parsed,
          await impactedSlosOf(this.deps.sloIncidents, parsed, now, stored),
          new Set(stored.actionItems.map(item => item.id)),
        );
        const facts = await this.deps.resolver.resolve(
          content,
          {
            refs: new Set([
              ...stored.entityRefs,
              ...stored.impactedSlos.map(s => s.sloRef),
              ...stored.actionItems.map(item => item.owner),
            ]),
            facts: await store.getEntityFacts(id),
          },
          credentials,
        );
        const policy = evaluatePostmortemPolicy(content);
        const proposed = resourceOf({ ...stored, ...content, policy }, facts);
        if (mayEdit !== true && !mayEdit(proposed)) {
          throw new NotAllowedError(
            `The edit would take postmortem ${id} outside what ${postmortemUpdatePermission.name} allows you to change`,
          );
        }
        const changedFields = changedPostmortemFields(stored, content);
        if (!changedFields.length) {
          return {
            result: toWirePostmortem(stored),
            meta: { version: stored.version, changedFields },
          };
        }
        const updated = await store.update(id, stored.version, {
          content,
          ...facts,
          policy,
          changedFields,
          changes: postmortemFieldChanges(stored, content, changedFields),
          by,
          at: now,
        });
        return {
          result: toWirePostmortem(updated),
          meta: { version: updated.version, changedFields },
        };
      },
    );
  }

  /**
   * Runs a write as one audit event: initiated, then succeeded (with the postmortem
   * and what changed) or failed (with the error, whatever it was).
   */
  private async audited<T>(
    eventId: 'postmortem-create' | 'postmortem-update',
    meta: JsonObject,
    options: PostmortemRequestOptions,
    write: () => Promise<{ result: T; meta: JsonObject }>,
  ): Promise<T> {
    const event = await this.deps.auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: options.request,
      meta,
    });
    try {
      const done = await write();
      await event.success({ meta: done.meta });
      return done.result;
    } catch (error) {
      await event.fail({
        error: error instanceof Error ? error : new Error(String(error)),
      });
      throw error;
    }
  }

  /**
   * What a permission decision says about writing, for users and service principals
   * alike: true (allowed), false (denied), or a check of the postmortem (conditional).
   */
  private async decider(
    permission: ResourcePermission<typeof POSTMORTEM_RESOURCE_TYPE>,
    credentials: BackstageCredentials,
  ): Promise<boolean | Decider> {
    const { permissions, permissionsRegistry } = this.deps;
    const [decision] = await permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return true;
    if (decision.result === AuthorizeResult.DENY) return false;
    const authorize = createConditionAuthorizer(
      permissionsRegistry.getPermissionRuleset(postmortemPermissionResourceRef),
    );
    return postmortem => authorize(decision, postmortem);
  }

  /** Who writes: a user entity ref or a service subject; never taken from the body. */
  private principalOf(credentials: BackstageCredentials): string {
    return actorOf(
      this.deps.auth,
      credentials,
      'Writing postmortems needs a user or service identity',
    );
  }
}
