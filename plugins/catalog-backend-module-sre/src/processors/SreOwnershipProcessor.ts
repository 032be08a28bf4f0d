import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
} from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  RELATION_SRE_SUPPORTED_BY,
  RELATION_SRE_SUPPORTS,
  SreOwnershipConfig,
  parseSreAnnotations,
} from '@sre-catalog/backstage-plugin-sre-common';

const SERVICE_KINDS = ['component', 'system', 'resource'];

/**
 * Relates each service to the Users and Groups that give it SRE support (embedded
 * SREs, the central SRE team, explicit area holders), in both directions, so the
 * catalog graph shows them.
 *
 * Bad annotations are deliberately not emitted as processing errors: an error makes
 * the catalog keep the previous version of the entity (or none, for a new one). The
 * ownership API and UI report them instead, naming the annotation and the value.
 *
 * @public
 */
export class SreOwnershipProcessor implements CatalogProcessor {
  private constructor(private readonly areas: string[]) {}

  static fromConfig(config: SreOwnershipConfig): SreOwnershipProcessor {
    return new SreOwnershipProcessor(Object.keys(config.baseline));
  }

  getProcessorName(): string {
    return 'SreOwnershipProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!SERVICE_KINDS.includes(entity.kind.toLocaleLowerCase('en-US'))) {
      return entity;
    }
    const annotations = parseSreAnnotations(entity, { areas: this.areas });
    const supporters = new Set<string>([
      ...(annotations.embeddedSres ?? []),
      ...(annotations.centralSre ? [annotations.centralSre] : []),
      ...Object.values(annotations.responsibilities).filter(p =>
        p.includes(':'),
      ),
    ]);
    const self = getCompoundEntityRef(entity);
    for (const ref of supporters) {
      const target = parseEntityRef(ref);
      emit(
        processingResult.relation({
          source: self,
          type: RELATION_SRE_SUPPORTED_BY,
          target,
        }),
      );
      emit(
        processingResult.relation({
          source: target,
          type: RELATION_SRE_SUPPORTS,
          target: self,
        }),
      );
    }
    return entity;
  }
}
