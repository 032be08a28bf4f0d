import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  OFFERING_KIND,
  RELATION_CONSUMES_OFFERING,
  RELATION_IMPLEMENTS_OFFERING,
  RELATION_MEASURES_OFFERING,
  RELATION_OFFERING_CONSUMED_BY,
  RELATION_OFFERING_IMPLEMENTED_BY,
  RELATION_OFFERING_MEASURED_BY,
  RELATION_OFFERING_PROVIDED_BY,
  RELATION_PROVIDES_OFFERING,
  SRE_CATALOG_API_VERSION,
  parseOfferingAnnotation,
  validateSreOffering,
} from '@sre-catalog/backstage-plugin-sre-common';

const SERVICE_KINDS = ['component', 'system', 'resource'];

function isOffering(entity: Entity): boolean {
  return (
    entity.apiVersion === SRE_CATALOG_API_VERSION &&
    entity.kind === OFFERING_KIND
  );
}

/**
 * Makes platform offerings catalog entities: validates each `SreOffering` (a bad
 * one is a processing error naming every field) and relates it, both ways, to its
 * provider Group, the Components and Resources that run it, and the SLOs that
 * measure it; relates each service to the offerings its
 * `sre-catalog.io/offerings` annotation names.
 *
 * A bad offerings annotation on a service is not a processing error (that would
 * keep the catalog on the service's previous version): the ownership API reports
 * it with the service's other annotation problems.
 *
 * @public
 */
export class SreOfferingProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'SreOfferingProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    if (!isOffering(entity)) return false;
    const { problems } = validateSreOffering(entity);
    if (problems.length) {
      throw new InputError(
        `Invalid offering ${stringifyEntityRef(entity)}: ${problems
          .map(p => `${p.path}: ${p.message}`)
          .join('; ')}`,
      );
    }
    return true;
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const self = getCompoundEntityRef(entity);
    const relate = (
      source: typeof self,
      type: string,
      reverse: string,
      target: string,
    ) => {
      const other = parseEntityRef(target);
      emit(processingResult.relation({ source, type, target: other }));
      emit(
        processingResult.relation({
          source: other,
          type: reverse,
          target: source,
        }),
      );
    };
    if (isOffering(entity)) {
      const { spec } = validateSreOffering(entity);
      if (!spec) return entity;
      relate(
        self,
        RELATION_OFFERING_PROVIDED_BY,
        RELATION_PROVIDES_OFFERING,
        spec.provider,
      );
      for (const ref of spec.implementedBy) {
        relate(
          self,
          RELATION_OFFERING_IMPLEMENTED_BY,
          RELATION_IMPLEMENTS_OFFERING,
          ref,
        );
      }
      for (const ref of spec.slos) {
        relate(
          self,
          RELATION_OFFERING_MEASURED_BY,
          RELATION_MEASURES_OFFERING,
          ref,
        );
      }
    } else if (SERVICE_KINDS.includes(entity.kind.toLocaleLowerCase('en-US'))) {
      for (const use of parseOfferingAnnotation(entity).uses) {
        relate(
          self,
          RELATION_CONSUMES_OFFERING,
          RELATION_OFFERING_CONSUMED_BY,
          use.offeringRef,
        );
      }
    }
    return entity;
  }
}
