import { parseEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import {
  Postmortem as SrePostmortem,
  SRE_POSTMORTEM_DOCUMENT_TYPE,
  postmortemReadPermission,
} from '@sre-catalog/backstage-plugin-sre-common';
import { postmortemLocation } from '../locations';
import { SrePostmortemDocument } from '../types';
import {
  SreCollatorFactory,
  SreCollatorFactoryOptions,
} from './SreCollatorFactory';
import {
  humanizeEntityRef,
  normalizeEntityRef,
  ownerRefOf,
} from './entityRefs';

/** The postmortems asked for per request to the `sre` backend. */
const PAGE_SIZE = 100;

/**
 * Options of {@link SrePostmortemCollatorFactory.fromConfig}.
 *
 * @public
 */
export type SrePostmortemCollatorFactoryOptions = SreCollatorFactoryOptions;

/**
 * Indexes the published postmortems of the `sre` backend plugin as
 * `sre-postmortem` documents, each with its affected services and their teams.
 * Each document is a `sre-postmortem` resource: Backstage Search shows it only to
 * whoever `sre.postmortem.read` allows for that postmortem (the permission policy
 * decides, with the SRE backend's postmortem rules). The collator reads with the
 * search plugin's own service credentials, so what it sees is what the policy lets
 * that service read.
 *
 * @public
 */
export class SrePostmortemCollatorFactory extends SreCollatorFactory<SrePostmortemDocument> {
  readonly type = SRE_POSTMORTEM_DOCUMENT_TYPE;
  readonly visibilityPermission = postmortemReadPermission;

  static fromConfig(
    _config: Config,
    options: SrePostmortemCollatorFactoryOptions,
  ): SrePostmortemCollatorFactory {
    return new SrePostmortemCollatorFactory(options);
  }

  protected async *execute(): AsyncGenerator<SrePostmortemDocument> {
    let offset = 0;
    let indexed = 0;
    for (;;) {
      const page = await this.client.listPostmortems({
        status: 'published',
        limit: PAGE_SIZE,
        offset,
      });
      const published = page.items.filter(item => item.status === 'published');
      const owners = await this.lookUpOwners(published);
      for (const postmortem of published) {
        const document = this.toDocument(postmortem, owners);
        if (document) {
          indexed += 1;
          yield document;
        }
      }
      offset += page.items.length;
      if (page.items.length === 0 || offset >= page.totalCount) {
        break;
      }
    }
    this.logger.info(`Indexed ${indexed} published postmortems`);
  }

  /** The owner of every affected entity on a page, in one catalog call. */
  private async lookUpOwners(
    postmortems: SrePostmortem[],
  ): Promise<Map<string, string>> {
    const entityRefs = [
      ...new Set(
        postmortems
          .flatMap(postmortem => postmortem.entityRefs ?? [])
          .map(normalizeEntityRef)
          .filter((ref): ref is string => Boolean(ref)),
      ),
    ];
    const owners = new Map<string, string>();
    if (entityRefs.length === 0) {
      return owners;
    }
    const { items } = await this.catalog.getEntitiesByRefs(
      {
        entityRefs,
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'spec.owner'],
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    items.forEach((entity, index) => {
      const owner = ownerRefOf(entity);
      if (owner) {
        owners.set(entityRefs[index], owner);
      }
    });
    return owners;
  }

  private toDocument(
    postmortem: SrePostmortem,
    owners: Map<string, string>,
  ): SrePostmortemDocument | undefined {
    const entityRefs = (postmortem.entityRefs ?? [])
      .map(normalizeEntityRef)
      .filter((ref): ref is string => Boolean(ref));
    if (entityRefs.length === 0) {
      this.logger.warn(
        `Postmortem ${postmortem.id} names no valid affected entity; not indexed`,
      );
      return undefined;
    }
    const [entityRef] = entityRefs;
    const currentTeams = entityRefs
      .map(ref => owners.get(ref))
      .filter((ref): ref is string => Boolean(ref));
    // Services that left the catalog keep the teams recorded on the postmortem.
    const teams = [
      ...new Set(
        currentTeams.length > 0
          ? currentTeams
          : (postmortem.ownerRefs ?? [])
              .map(normalizeEntityRef)
              .filter((ref): ref is string => Boolean(ref)),
      ),
    ];
    const tags = postmortem.tags ?? [];
    const text = [
      postmortem.summary,
      postmortem.impact,
      postmortem.lessons,
      tags.join(' '),
      `Services: ${entityRefs.map(humanizeEntityRef).join(', ')}`,
      teams.length > 0
        ? `Teams: ${teams.map(humanizeEntityRef).join(', ')}`
        : undefined,
    ]
      .filter(part => part?.trim())
      .join('\n\n');

    return {
      title: postmortem.title,
      text,
      location: postmortemLocation(parseEntityRef(entityRef), postmortem.id),
      authorization: { resourceRef: postmortem.id },
      postmortemId: postmortem.id,
      severity: postmortem.severity,
      status: postmortem.status,
      startedAt: postmortem.startedAt,
      entityRefs,
      entityRef,
      owner: owners.get(entityRef) ?? teams[0],
      owners: teams,
      tags,
    };
  }
}
