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
  RELATION_HAS_SLO,
  RELATION_SLO_OF,
  SpecProblem,
  entityRefIn,
  validateOpenSloSlo,
} from '@sre-catalog/backstage-plugin-sre-common';

/** The OpenSLO kinds the catalog accepts besides SLO. */
const OTHER_OPENSLO_KINDS = [
  'SLI',
  'DataSource',
  'AlertPolicy',
  'AlertCondition',
  'AlertNotificationTarget',
  'Service',
];

/**
 * An invalid SLO document: a catalog processing error that names every bad field.
 * It carries the problems and the service so the SRE backend can show them on the
 * service's SLO tab.
 *
 * @public
 */
export class SloSpecError extends InputError {
  readonly sloRef: string;
  readonly service?: string;
  readonly problems: SpecProblem[];

  constructor(entity: Entity, problems: SpecProblem[]) {
    const sloRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
    super(
      `Invalid SLO ${sloRef}: ${problems
        .map(p => (p.path ? `${p.path}: ${p.message}` : p.message))
        .join('; ')}`,
    );
    this.sloRef = sloRef;
    this.problems = problems;
    this.service = entityRefIn(entity, entity.spec?.service, 'component');
  }
}

/**
 * Makes OpenSLO v1 documents catalog entities: validates SLOs against the spec (a
 * bad one is a processing error naming the field and the reason) and relates each
 * SLO to the Component it measures, both ways.
 *
 * @public
 */
export class SloEntityProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'SloEntityProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    if (entity.apiVersion !== 'openslo/v1') return false;
    if (entity.kind === 'SLO') {
      // The SLI of an indicatorRef is another entity; the backend resolves it.
      const { problems } = validateOpenSloSlo(entity, {
        namespace: entity.metadata.namespace,
      });
      if (problems.length) throw new SloSpecError(entity, problems);
      return true;
    }
    return OTHER_OPENSLO_KINDS.includes(entity.kind);
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (entity.apiVersion !== 'openslo/v1' || entity.kind !== 'SLO') {
      return entity;
    }
    const service = entity.spec?.service;
    if (typeof service !== 'string') return entity;
    const self = getCompoundEntityRef(entity);
    const target = parseEntityRef(service, {
      defaultKind: 'component',
      defaultNamespace: self.namespace,
    });
    emit(
      processingResult.relation({
        source: self,
        type: RELATION_SLO_OF,
        target,
      }),
    );
    emit(
      processingResult.relation({
        source: target,
        type: RELATION_HAS_SLO,
        target: self,
      }),
    );
    return entity;
  }
}
