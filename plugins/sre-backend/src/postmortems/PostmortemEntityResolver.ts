import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_OWNED_BY,
  parseEntityRef,
} from '@backstage/catalog-model';
import { InputError, isError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_VISIBILITY,
  VISIBILITY_RESTRICTED,
  entityRefIn,
} from '@sre-catalog/backstage-plugin-sre-common';
import { catalogCredentialsFor } from '../catalog/catalogCredentialsFor';
import { OwnershipService } from '../ownership/OwnershipService';
import {
  PostmortemContent,
  PostmortemEntityFacts,
  PostmortemEntitySre,
} from './PostmortemStore';

/** What the catalog look-up reads of each referenced entity. */
const ENTITY_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
  'spec.owner',
  'relations',
];

/** Engagement models in which the central SRE group supports the entity. */
const CENTRAL_ENGAGEMENTS = ['central', 'hybrid', 'enabling'];

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/** Owners of an entity: its ownedBy relations, else its spec.owner. */
function ownersOf(entity: Entity): string[] {
  const related = (entity.relations ?? [])
    .filter(r => r.type === RELATION_OWNED_BY)
    .map(r => lower(r.targetRef));
  if (related.length) return [...new Set(related)];
  const owner = entityRefIn(entity, entity.spec?.owner, 'group');
  return owner ? [owner] : [];
}

function isRestricted(entity: Entity): boolean {
  const value = entity.metadata.annotations?.[ANNOTATION_VISIBILITY];
  return (
    typeof value === 'string' && lower(value.trim()) === VISIBILITY_RESTRICTED
  );
}

/**
 * Checks the refs a postmortem write names against the catalog, as the caller sees
 * it (see catalogCredentialsFor), and records what permission rules need about its affected entities:
 * owners, SREs (through the ownership service) and the restricted annotation.
 */
export class PostmortemEntityResolver {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      ownership: OwnershipService;
    },
  ) {}

  /**
   * Checks that every referenced entity (affected entities, impacted SLOs, action item
   * owners) is in the catalog as the caller sees it, in one batch look-up. Refs the
   * previous version already held may have left the catalog since; what was recorded
   * about them is kept.
   */
  async resolve(
    content: PostmortemContent,
    previous: { refs: Set<string>; facts: PostmortemEntityFacts } | undefined,
    credentials: BackstageCredentials,
  ): Promise<PostmortemEntityFacts> {
    const checks = [
      ...content.entityRefs.map((ref, i) => ({
        ref,
        field: `entityRefs[${i}]`,
      })),
      ...content.impactedSlos.map((slo, i) => ({
        ref: slo.sloRef,
        field: `impactedSlos[${i}].sloRef`,
      })),
      ...content.actionItems.map((item, i) => ({
        ref: item.owner,
        field: `actionItems[${i}].owner`,
      })),
    ];
    const refs = [...new Set(checks.map(c => c.ref))];
    const asked = await catalogCredentialsFor(this.deps.auth, credentials);
    const { items } = await this.deps.catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: ENTITY_FIELDS },
      { credentials: asked },
    );
    const found = new Map<string, Entity>();
    refs.forEach((ref, i) => {
      const entity = items[i];
      if (entity) found.set(ref, entity);
    });
    for (const { ref, field } of checks) {
      if (!found.has(ref) && !previous?.refs.has(ref)) {
        throw new InputError(`Invalid ${field}: ${ref} is not in the catalog`);
      }
    }
    const kept = previous?.facts;
    const sres = await Promise.all(
      content.entityRefs.map(entityRef =>
        found.has(entityRef)
          ? this.sresOf(entityRef, asked)
          : (kept?.sres ?? []).filter(s => s.entityRef === entityRef),
      ),
    );
    return {
      owners: content.entityRefs.flatMap(entityRef => {
        const entity = found.get(entityRef);
        if (!entity) {
          return (kept?.owners ?? []).filter(o => o.entityRef === entityRef);
        }
        return ownersOf(entity).map(ownerRef => ({ entityRef, ownerRef }));
      }),
      sres: sres.flat(),
      restrictedEntityRefs: content.entityRefs.filter(entityRef => {
        const entity = found.get(entityRef);
        return entity
          ? isRestricted(entity)
          : !!kept?.restrictedEntityRefs.includes(entityRef);
      }),
    };
  }

  /**
   * What a postmortem about each of these entities alone would record (owners, SREs,
   * restricted), looked up as `resolve` does but in one batch call with the plugin's
   * own credentials: for permission decisions on a postmortem not written yet.
   * Undefined for refs not in the catalog.
   */
  async draftFacts(
    entityRefs: string[],
  ): Promise<Array<PostmortemEntityFacts | undefined>> {
    if (!entityRefs.length) return [];
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const { items } = await this.deps.catalog.getEntitiesByRefs(
      { entityRefs, fields: ENTITY_FIELDS },
      { credentials },
    );
    return Promise.all(
      entityRefs.map(async (entityRef, i) => {
        const entity = items[i];
        if (!entity) return undefined;
        return {
          owners: ownersOf(entity).map(ownerRef => ({ entityRef, ownerRef })),
          sres: await this.sresOf(entityRef, credentials),
          restrictedEntityRefs: isRestricted(entity) ? [entityRef] : [],
        };
      }),
    );
  }

  /**
   * The SREs who support an entity as the ownership resolution says: its embedded SREs,
   * and its central SRE group where its engagement model uses central SREs.
   */
  private async sresOf(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<PostmortemEntitySre[]> {
    try {
      const ownership = await this.deps.ownership.getOwnership(
        parseEntityRef(entityRef),
        { credentials },
      );
      const central =
        ownership.centralSre &&
        CENTRAL_ENGAGEMENTS.includes(ownership.engagement ?? '')
          ? [ownership.centralSre]
          : [];
      return [
        ...new Set([...ownership.embeddedSres, ...central].map(lower)),
      ].map(sreRef => ({ entityRef, sreRef }));
    } catch (error) {
      // Gone between the look-up above and this one: no SRE support to record.
      if (isError(error) && error.name === 'NotFoundError') return [];
      throw error;
    }
  }
}
