import { AuthService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  SloDefinition,
  SpecProblem,
  entityRefIn,
  validateOpenSloSlo,
} from '@sre-catalog/backstage-plugin-sre-common';

/** A valid SLO with the catalog facts the views filter by. */
export type RegisteredSlo = {
  definition: SloDefinition;
  ownerRef?: string;
  systemRef?: string;
};

/** An SLO entity the backend cannot evaluate, and why. */
export type InvalidSlo = {
  sloRef: string;
  service?: string;
  problems: SpecProblem[];
};

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/**
 * Reads the SLOs of the catalog (OpenSLO `SLO` entities and the `SLI`s they refer
 * to) with the plugin's own credentials, validates them and looks up the owner and
 * System of each SLO's service in one batch.
 */
export class CatalogSloRegistry {
  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  async load(): Promise<{ slos: RegisteredSlo[]; invalid: InvalidSlo[] }> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const sloEntities: Entity[] = [];
    const sliEntities: Entity[] = [];
    for await (const page of this.catalog.streamEntities(
      { filter: { kind: ['SLO', 'SLI'] } },
      { credentials },
    )) {
      for (const e of page) {
        if (e.apiVersion !== 'openslo/v1') continue;
        (e.kind === 'SLO' ? sloEntities : sliEntities).push(e);
      }
    }

    const slisByNamespace = new Map<string, Record<string, unknown>>();
    for (const sli of sliEntities) {
      const ns = sli.metadata.namespace ?? 'default';
      const slis = slisByNamespace.get(ns) ?? {};
      slis[sli.metadata.name] = sli;
      slisByNamespace.set(ns, slis);
    }

    const valid: SloDefinition[] = [];
    const invalid: InvalidSlo[] = [];
    for (const entity of sloEntities) {
      const namespace = entity.metadata.namespace ?? 'default';
      const { definition, problems } = validateOpenSloSlo(entity, {
        namespace,
        slis: slisByNamespace.get(namespace) ?? {},
      });
      if (definition) {
        valid.push(definition);
      } else {
        invalid.push({
          sloRef: lower(stringifyEntityRef(entity)),
          service: entityRefIn(entity, entity.spec?.service, 'component'),
          problems,
        });
      }
    }

    const serviceRefs = [...new Set(valid.map(d => d.service))];
    const services = new Map<string, Entity>();
    if (serviceRefs.length) {
      const { items } = await this.catalog.getEntitiesByRefs(
        {
          entityRefs: serviceRefs,
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'spec.owner',
            'spec.system',
          ],
        },
        { credentials },
      );
      items.forEach(e => e && services.set(lower(stringifyEntityRef(e)), e));
    }
    return {
      slos: valid.map(definition => {
        const service = services.get(definition.service);
        return {
          definition,
          ownerRef:
            service && entityRefIn(service, service.spec?.owner, 'group'),
          systemRef:
            service && entityRefIn(service, service.spec?.system, 'system'),
        };
      }),
      invalid,
    };
  }
}
